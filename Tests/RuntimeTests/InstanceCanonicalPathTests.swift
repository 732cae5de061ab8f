import Foundation
import Runtime
import TestFixtures
import Testing

/// One profiles file is one instance however it is reached, and the daemon's socket path is
/// absolute wherever it was given.
@Suite struct InstanceCanonicalPathTests {
    @Test func aSymlinkedConfigIsTheSameInstance() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let real = temp.file("profiles.yaml")
        try "profiles: []\n".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: temp.file("link.yaml"), withDestinationPath: real)
        try FileManager.default.createDirectory(atPath: temp.file("dir"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: temp.file("alias"), withDestinationPath: temp.file("dir"))
        try FileManager.default.createSymbolicLink(
            atPath: temp.file("dir/p.yaml"), withDestinationPath: "../profiles.yaml")
        let env = ["XDG_STATE_HOME": temp.file("state")]

        let direct = InstanceDirectory(configPath: real, environment: env)
        for other in [temp.file("link.yaml"), temp.file("alias/p.yaml"), temp.file("dir/../profiles.yaml")] {
            let instance = InstanceDirectory(configPath: other, environment: env)
            #expect(instance == direct, "\(other) is another instance")
            #expect(instance.configPath == direct.configPath)
        }
        // The canonical path has no links left in it (the temporary directory may be behind one).
        #expect(direct.configPath == URL(fileURLWithPath: real).resolvingSymlinksInPath().path)
        // A file that does not exist (yet) keeps its absolute path as written.
        #expect(
            InstanceDirectory(configPath: temp.file("missing.yaml"), environment: env).configPath.hasSuffix(
                "/missing.yaml"))
    }

    @Test func theDaemonSocketPathIsAbsolute() {
        let env = ["HOME": "/home/op", "XDG_STATE_HOME": "/state"]
        #expect(
            DaemonSocketPath.absolute("run/t.sock", environment: env, workingDirectory: "/srv/app")
                == "/srv/app/run/t.sock")
        #expect(DaemonSocketPath.absolute("./t.sock", environment: env, workingDirectory: "/srv") == "/srv/t.sock")
        #expect(DaemonSocketPath.absolute("~/t.sock", environment: env, workingDirectory: "/srv") == "/home/op/t.sock")
        #expect(DaemonSocketPath.absolute("/run/t.sock", environment: env, workingDirectory: "/srv") == "/run/t.sock")
        #expect(DaemonSocketPath.resolve("rel.sock", environment: env).hasPrefix("/"))
        #expect(DaemonSocketPath.resolve(nil, environment: env) == "/state/tokentop/tokentop.sock")
        #expect(
            DaemonSocketPath.resolve(nil, environment: ["XDG_RUNTIME_DIR": "/run/user/7"])
                == "/run/user/7/tokentop/tokentop.sock")
    }
}
