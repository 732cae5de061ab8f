import Control
import Foundation
import Runtime
import TestFixtures
import Testing
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct InstanceDirectoryTests {
    @Test func namedAfterTheFileAndItsAbsolutePath() {
        let env = ["XDG_STATE_HOME": "/state", "HOME": "/home/op"]
        let a = InstanceDirectory(configPath: "/etc/tokentop/profiles.yaml", environment: env)
        #expect(a.path.hasPrefix("/state/tokentop/instances/profiles-"))
        #expect(a.identifier.count == "profiles-".count + 12)
        // Pinned: the name of an instance directory must not change between versions, or an
        // upgrade would lose the lock, sinks.json and sinks.key of every running config.
        #expect(a.identifier == "profiles-6e780679a3f0")
        #expect(a.lockPath == a.path + "/lock")
        #expect(a.ownerPath == a.path + "/owner.json")
        #expect(a.sinksPath == a.path + "/sinks.json")
        // The same file written differently is the same instance; another file is not.
        #expect(InstanceDirectory(configPath: "/etc/tokentop/../tokentop/./profiles.yaml", environment: env) == a)
        #expect(InstanceDirectory(configPath: "/srv/profiles.yaml", environment: env).path != a.path)
        #expect(InstanceDirectory(configPath: "~/p.yml", environment: env).configPath == "/home/op/p.yml")
        let odd = InstanceDirectory(configPath: "/x/my tokens €.yaml", environment: env)
        #expect(odd.identifier == "my_tokens__-b5c499fcc683")
    }

    @Test func createdPrivate() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let instance = InstanceDirectory(configPath: "/etc/p.yaml", environment: ["XDG_STATE_HOME": temp.path])
        try instance.create()
        let mode = try FileManager.default.attributesOfItem(atPath: instance.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func aLongStateDirectoryGetsASocketElsewhere() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let short = InstanceDirectory(configPath: "/p.yaml", environment: ["XDG_STATE_HOME": "/s"])
        #expect(try short.dashboardSocketPath(environment: [:]) == short.path + "/dashboard.sock")
        let deep = temp.path + "/" + String(repeating: "d", count: 80)
        let long = InstanceDirectory(configPath: "/p.yaml", environment: ["XDG_STATE_HOME": deep])
        try FileManager.default.createDirectory(atPath: temp.path + "/run", withIntermediateDirectories: true)
        let socket = try long.dashboardSocketPath(environment: ["XDG_RUNTIME_DIR": temp.path + "/run"])
        #expect(socket == temp.path + "/run/tokentop/" + long.identifier + ".sock")
        #expect(socket.utf8.count <= UnixSocketPath.maximumLength)
        let mode =
            try FileManager.default.attributesOfItem(atPath: temp.path + "/run/tokentop")[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }
}
