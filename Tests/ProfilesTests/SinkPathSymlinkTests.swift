import Foundation
import Testing

@testable import Profiles

/// Sink paths are made absolute from their text alone: a symlink at (or on the way to) a sink
/// path stays in the path, so the writer replaces the link instead of writing through it.
@Suite("PathExpansion: lexical, symlinks kept")
struct SinkPathSymlinkTests {
    @Test("`.`, `..` and repeated slashes are removed from the text")
    func lexical() {
        #expect(PathExpansion.lexicallyNormalized("/a/./b//c/../d") == "/a/b/d")
        #expect(PathExpansion.lexicallyNormalized("/../x") == "/x")
        #expect(PathExpansion.lexicallyNormalized("/") == "/")
        #expect(
            PathExpansion.expand("t/../s/acme.token", baseDirectory: "/etc/tokentop/", environment: [:])
                == "/etc/tokentop/s/acme.token")
        #expect(PathExpansion.expand("~/s/./a", baseDirectory: "/x", environment: ["HOME": "/home/u"]) == "/home/u/s/a")
    }

    @Test("a sink path that is a symlink to a file decodes to the link, not its target")
    func symlinkKept() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sinklink-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory + "/sinks", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("victim\n".utf8).write(to: URL(fileURLWithPath: directory + "/victim.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/sinks/acme.token", withDestinationPath: "../victim.txt")
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/linked", withDestinationPath: directory + "/sinks")
        try FileManager.default.createDirectory(atPath: directory + "/realdir", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/sinks/dir.token", withDestinationPath: "../realdir")

        #expect(
            PathExpansion.expand("sinks/acme.token", baseDirectory: directory, environment: [:])
                == directory + "/sinks/acme.token")
        #expect(
            PathExpansion.expand("linked/acme.token", baseDirectory: directory, environment: [:])
                == directory + "/linked/acme.token")
        let set = try load(
            """
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                sink: sinks/acme.token
              - name: dir
                environment: cards-uat
                accessKey: {env: ACCESS_B}
                secretKey: {env: SECRET_B}
                sink: sinks/dir.token
            """, base: directory)
        #expect(
            set.profiles.map { $0.sink?.path } == [directory + "/sinks/acme.token", directory + "/sinks/dir.token"])
    }
}
