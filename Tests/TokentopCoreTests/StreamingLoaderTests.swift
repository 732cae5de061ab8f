import Foundation
import Testing
import Yams

@testable import TokentopCore

/// The streaming loader (items of `profiles:` decoded one at a time) against the whole-tree path it
/// replaced: Yams composes the document, the same decoder walks it. Fake credentials only.
@Suite struct StreamingLoaderTests {
    static let environment = [
        "PATH": "/usr/bin:/bin", "HOME": "/home/fake", "SECRET_A": "fake-secret-a", "ACCESS_A": "fake-access-aaaa",
    ]

    /// What the loader did before streaming: the whole tree from Yams, then the decoder.
    static func treeResult(_ yaml: String) -> (profiles: [Profile], diagnostics: [ConfigDiagnostic]) {
        var log = DiagnosticLog(file: "profiles.yaml")
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            return ([], [YamlErrorDiagnostic.make(error, yaml: yaml, file: "profiles.yaml")])
        }
        let decoder = ProfilesDecoder(environment: environment, baseDirectory: "/nonexistent")
        let result = decoder.decode(root, log: &log)
        return log.errorCount == 0 ? (result.profiles, log.sorted) : ([], log.sorted)
    }

    /// What the loader gives: streamed (`streamFrom: 0`) or composed whole by its own composer
    /// (`streamFrom: .max`, the path of files under the threshold).
    static func loaderResult(_ yaml: String, streamFrom: Int) -> (profiles: [Profile], diagnostics: [ConfigDiagnostic]) {
        do {
            let set = try ProfilesLoader.parse(
                yaml: yaml, file: "profiles.yaml", baseDirectory: "/nonexistent", environment: environment,
                streamFrom: streamFrom)
            return (set.profiles, set.warnings)
        } catch {
            return ([], error.diagnostics)
        }
    }

    static func streamedResult(_ yaml: String) -> (profiles: [Profile], diagnostics: [ConfigDiagnostic]) {
        loaderResult(yaml, streamFrom: 0)
    }

    static let profile = """
          - name: p%d
            accessKey: fake-access-%d
            secretKey: {env: SECRET_A}
            baseURL: http://127.0.0.1:9/

        """

    static func list(_ count: Int) -> String {
        (1...count).map { String(format: profile, $0, 1000 + $0) }.joined()
    }

    static let documents: [String] = [
        "profiles:\n" + list(3),
        "concurrency: 4\ndefaults:\n  timeout: 5s\nprofiles:\n" + list(3),
        // defaults after the list: the items need them, so the list is kept whole.
        "profiles:\n" + list(2) + "defaults:\n  timeout: 900h\n",
        "profiles:\n" + list(2) + "defaults:\n  bogus: 1\nconcurrency: 0\n",
        // anchors and aliases across items, an anchored list, an alias as a key.
        "profiles:\n  - &first\n    name: a\n    accessKey: fake-access-1111\n    secretKey: {env: SECRET_A}\n"
            + "    baseURL: &url http://127.0.0.1:9/\n  - name: b\n    accessKey: fake-access-2222\n"
            + "    secretKey: {env: SECRET_A}\n    baseURL: *url\n  - *first\n",
        "profiles: &all\n" + list(2) + "extra: *all\n",
        "defaults: &d {timeout: 5s}\nprofiles:\n  - *d\n  - name: x\n    *d : 1\n",
        // errors inside items, duplicate names, errors that tie on a position through an alias.
        "profiles:\n" + list(2) + "  - name: p1\n    accessKey: 3\n    secretKey: [a]\n    typo: 1\n",
        "concurrency: &c nope\ndefaults:\n  timeout: *c\nprofiles:\n  - name: *c\n    timeout: *c\n",
        // YAML errors after some items: only the YAML error is reported.
        "profiles:\n" + list(3) + "  - name: dup\n    name: dup\n",
        "profiles:\n" + list(3) + "  - name: [unclosed\n",
        "profiles:\n" + list(2) + "  - *nowhere\n",
        "profiles:\n" + list(2) + "---\nprofiles: []\n",
        "profiles:\n" + list(1) + "profiles:\n" + list(1),
        "profiles:\n" + list(1) + "'profiles': []\n",
        "profiles:\n\tx: 1\n",
        "profiles: []\n", "profiles:\n", "profiles: 3\n", "", "# only a comment\n", "- a\n- b\n", "just text",
        "{profiles: [{name: a, accessKey: fake-access-1, secretKey: x, baseURL: 'http://127.0.0.1:9/'}]}",
        "? [a, b]\n: 1\nprofiles:\n" + list(1),
        "profiles:\n" + list(1) + "  - name: \"\\x01\"\n",
        // mappings above and below the pair-by-pair duplicate check's 16 keys, with and without a repeat.
        "profiles:\n" + list(1) + "extra:\n" + (0..<20).map { "  k\($0): \($0)\n" }.joined(),
        "profiles:\n" + list(1) + "extra:\n" + (0..<20).map { "  k\($0): \($0)\n" }.joined() + "  k3: again\n",
        "profiles:\n" + list(1) + "extra: {a: 1, b: 2, c: 3, b: 4}\n",
        "profiles:\n" + list(1) + "extra: {'1': a, 1: b}\n",
    ]

    /// Both of the loader's paths, streamed and composed whole by its own composer, against Yams.
    @Test(arguments: documents.indices, [0, Int.max])
    func sameResultAsTheWholeTree(index: Int, streamFrom: Int) {
        let yaml = Self.documents[index]
        let tree = Self.treeResult(yaml)
        let loaded = Self.loaderResult(yaml, streamFrom: streamFrom)
        #expect(loaded.diagnostics == tree.diagnostics, "document \(index), streamFrom \(streamFrom)")
        #expect(loaded.profiles == tree.profiles, "document \(index), streamFrom \(streamFrom)")
    }

    @Test func marksAreTheOnesYamsMakes() throws {
        #expect(YamlMark.isUsable)
        let yaml = "a: &x\n  - 1\n  - 'two'\n  - {k: v}\nb: *x\nprofiles:\n  - name: n\n    v: [1, 2]\n"
        let document = try StreamingComposer.compose(yaml: yaml, resolver: .basic) { _ in nil }
        let yams = try #require(try Yams.compose(yaml: yaml, .basic))
        let streamed = try #require(document.root)
        #expect(!document.streamed)
        #expect(streamed == yams)
        #expect(Self.marks(streamed) == Self.marks(yams))
        #expect(Self.marks(yams).count > 10)
    }

    @Test func streamedItemsArriveOneAtATimeWithTheirIndex() throws {
        let yaml = "concurrency: 2\nprofiles:\n" + Self.list(4)
        var seen: [Int] = []
        let document = try StreamingComposer.compose(yaml: yaml, resolver: .basic) { pairs in
            #expect(pairs.count == 1)
            return { item, index in
                #expect(item["name"]?.string == "p\(index + 1)")
                seen.append(index)
            }
        }
        #expect(seen == [0, 1, 2, 3])
        #expect(document.streamed && document.streamedItems == 4)
        #expect(document.root?["profiles"]?.sequence?.count == 0)
    }

    @Test func checkOnlyCountsTheItemsAndFindsTheSameErrors() throws {
        let yaml = "profiles:\n" + Self.list(3) + "  - {a: &x 1, b: [*x, {c: 2}]}\n"
        let checked = try StreamingComposer.compose(yaml: yaml, resolver: .basic, checkOnly: true) { _ in
            { _, _ in Issue.record("a checked item was built") }
        }
        #expect(checked.streamed && checked.streamedItems == 4)
        for broken in ["  - {a: 1, b: [2], a: 3}\n", "  - [1, *missing]\n", "  - {a: [1\n"] {
            let text = "profiles:\n" + Self.list(2) + broken
            var found: [String] = []
            for checkOnly in [true, false] {
                do {
                    _ = try StreamingComposer.compose(yaml: text, resolver: .basic, checkOnly: checkOnly) { _ in { _, _ in } }
                    found.append("no error")
                } catch {
                    found.append(YamlErrorDiagnostic.make(error, yaml: text, file: "f").description)
                }
            }
            #expect(found[0] == found[1] && found[0] != "no error", "\(found)")
        }
    }

    @Test func noSecretCommandRunsForAFileThatIsNotValidYaml() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("tt-stream-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let yaml = "profiles:\n  - name: a\n    accessKey: fake-access-1111\n"
            + "    secretKey: {command: \"touch \(marker); echo fake\"}\n" + Self.list(1) + "  - name: [broken\n"
        let diagnostics = Self.streamedResult(yaml).diagnostics
        #expect(diagnostics.first?.message.hasPrefix("YAML syntax error") == true)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    static func marks(_ node: Node) -> [String] {
        let own = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
        switch node {
        case .scalar: return [own]
        case .alias: return [own]
        case .sequence(let sequence): return [own] + sequence.flatMap(marks)
        case .mapping(let mapping): return [own] + mapping.flatMap { marks($0.key) + marks($0.value) }
        }
    }
}
