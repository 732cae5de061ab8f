import Foundation
import TestFixtures
import Testing

@testable import Profiles
@testable import TokenModel

@Suite("ProfilesTemplate")
struct ProfilesTemplateTests {
    @Test("the template loads once its example variables are set")
    func roundTrip() throws {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": "/home/fake"]
        for (index, name) in ProfilesTemplate.exampleVariables.enumerated() {
            environment[name] = "fake-template-value-\(index)"
        }
        let set = try ProfilesLoader.parse(
            yaml: ProfilesTemplate.text, file: "profiles.yaml", baseDirectory: "/nonexistent",
            environment: environment, fileMode: 0o100600)
        #expect(set.profiles.map(\.name) == ["acme-uat", "globex-pg"])
        #expect(set.profiles.map(\.environment) == ["cards-uat", "pg-uat"])
        #expect(set.profiles.allSatisfy { $0.enabled && $0.headers.isEmpty })
        #expect(set.profiles[1].refresh == RefreshSettings(before: .seconds(300), timeout: .seconds(10)))
        #expect(set.warnings.isEmpty)
    }

    @Test("the template uses references, not literal secrets, and explains every key")
    func explainsEveryKey() {
        let text = ProfilesTemplate.text
        #expect(text.contains("secretKey: {env: ACME_ENKASH_SECRET_KEY}"))
        #expect(text.contains("# headers: {API-Key: "))
        let keys =
            ProfilesDecoder.topLevelKeys + ProfileEntry.keys + ProfileSettings.refreshKeys
            + SecretReference.referenceKeys + EnKashEnvironment.allCases.map(\.rawValue)
        for key in keys { #expect(text.contains(key), "template does not mention \(key)") }
    }

    @Test("write creates the file with mode 600 and missing directories with mode 700")
    func write() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("a/b/profiles.yaml")
        try ProfilesTemplate.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ProfilesTemplate.text)
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let directoryMode =
            try FileManager.default.attributesOfItem(atPath: directory.file("a/b"))[.posixPermissions]
            as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
    }

    @Test("write never overwrites an existing file")
    func neverOverwrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("profiles.yaml", "# mine\n")
        #expect(throws: ProfilesTemplate.WriteError.self) { try ProfilesTemplate.write(to: path) }
        do {
            try ProfilesTemplate.write(to: path)
        } catch {
            #expect(error.kind == .alreadyExists)
            #expect(error.description.hasPrefix("\(path) already exists; not overwriting it"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# mine\n")
    }
}
