import Foundation
import TestFixtures
import Testing

@testable import Profiles

@Suite("ProfilesLoader: literal secret permission warning")
struct ProfilesLoaderPermissionTests {
    let yaml = """
        profiles:
          - name: acme
            environment: cards-uat
            accessKey: fake-literal-access
            secretKey: fake-literal-secret
        """

    @Test("a literal secretKey in a group/world-readable file gives a warning with its line")
    func warns() throws {
        let set = try load(yaml, mode: 0o100644)
        let warning = try #require(set.warnings.first)
        #expect(set.warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.field == "profiles[0].secretKey")
        #expect((warning.line, warning.column) == (5, 16))
        #expect(warning.message.contains("mode 644"))
        #expect(warning.hint?.contains("chmod 600 profiles.yaml") == true)
        #expect(!warning.description.contains("fake-literal-secret"))
        #expect(try load(yaml, mode: 0o100640).warnings.count == 1)
    }

    @Test("no warning for mode 600, for references only, or when the mode is unknown")
    func noWarning() throws {
        #expect(try load(yaml, mode: 0o100600).warnings.isEmpty)
        #expect(try load(yaml).warnings.isEmpty)
        let references = yaml.replacingOccurrences(of: "fake-literal-secret", with: "{env: SECRET_A}")
        #expect(try load(references, mode: 0o100644).warnings.isEmpty)
    }

    @Test("strict turns the warning into an error")
    func strict() throws {
        let found = diagnostics(yaml, mode: 0o100644, strict: true)
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(try load(yaml, mode: 0o100600, strict: true).profiles.count == 1)
    }

    @Test("load(path:) checks the real file's mode bits")
    func realFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let open = try directory.write("open.yaml", yaml, mode: 0o644)
        let closed = try directory.write("closed.yaml", yaml, mode: 0o600)
        let openSet = try ProfilesLoader.load(path: open, environment: fakeEnvironment)
        #expect(openSet.source == open)
        #expect(openSet.warnings.map(\.file) == [open])
        #expect(try ProfilesLoader.load(path: closed, environment: fakeEnvironment).warnings.isEmpty)
    }

    @Test("a missing file is one diagnostic naming the path and suggesting init or --demo")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("nope/profiles.yaml")
        do {
            _ = try ProfilesLoader.load(path: path, environment: fakeEnvironment)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].message == "no profiles file at \(path)")
            #expect(error.diagnostics[0].hint?.contains("tokentop init") == true)
            #expect(error.diagnostics[0].hint?.contains("--demo") == true)
        }
        do {
            _ = try ProfilesLoader.load(path: directory.path, environment: fakeEnvironment)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("is a directory") == true)
        }
    }

    @Test("the validate summary shows masked access keys and never a secret")
    func summary() throws {
        let set = try load(yaml.replacingOccurrences(of: "fake-literal-access", with: "fake-access-1234567890"))
        let text = ([ProfilesSummary.headline(set)] + ProfilesSummary.rows(set)).joined(separator: "\n")
        #expect(text.hasPrefix("profiles.yaml: 1 profile OK (1 enabled), secrets resolved"))
        #expect(text.contains("fake••••••••••••••••90"))
        #expect(text.contains("pay-uat.enkash.in"))
        #expect(!text.contains("fake-literal-secret"))
        #expect(!text.contains("fake-access-1234567890"))
    }
}
