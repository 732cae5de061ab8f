import Foundation
import Testing

/// The command-line reference (the catalog's Commands.md) names every subcommand and every long
/// option the real binary's `--help` screens list, walking the subcommands the screens name.
@Suite struct CommandLineReferenceTests {
    static let article = DocumentationFiles.catalog + "/Commands.md"

    /// One help screen: the subcommand path below `tokentop` (empty for the root) and what it lists.
    struct Screen {
        var path: [String]
        var help: HelpText
    }

    /// Runs `tokentop [path...] --help` for the root and every subcommand listed, recursively;
    /// each must exit 0.
    static func screens() async throws -> [Screen] {
        var screens: [Screen] = []
        var pending: [[String]] = [[]]
        while let path = pending.first {
            pending.removeFirst()
            let output = try await Binary.run(path + ["--help"])
            let command = (["tokentop"] + path + ["--help"]).joined(separator: " ")
            #expect(output.status == 0, "\(command) exited \(output.status): \(output.stderr)")
            #expect(output.stdout.contains("OPTIONS:"), "\(command) printed no OPTIONS section: \(output.stdout)")
            let help = HelpText(parsing: output.stdout)
            screens.append(Screen(path: path, help: help))
            // A subcommand's screen may name nested ones; guard against a screen naming itself.
            pending += help.subcommands.filter { $0 != path.last && path.count < 4 }.map { path + [$0] }
        }
        return screens
    }

    @Test func everySubcommandAndOptionIsInTheReference() async throws {
        let document = try DocumentationFiles.text(Self.article)
        let screens = try await Self.screens()
        let subcommands = screens.filter { !$0.path.isEmpty }
        #expect(subcommands.count >= 6, "the root help named only \(subcommands.map(\.path))")
        var missing: [String] = []
        for screen in subcommands where !Self.documents(subcommand: screen.path, in: document) {
            missing.append("subcommand \(screen.path.joined(separator: " ")) (no heading or `code` names it)")
        }
        let shared = Self.section(Self.sharedHeading, in: document) ?? ""
        #expect(!shared.isEmpty, "\(Self.article) has no '## \(Self.sharedHeading)' section")
        for screen in screens {
            let command = (["tokentop"] + screen.path).joined(separator: " ")
            #expect(!screen.help.longOptions.isEmpty, "\(command) --help listed no long option")
            // The root screen lists the default subcommand's options.
            let heading = screen.path.isEmpty ? "tokentop dashboard" : command
            guard let own = Self.section(heading, in: document) else {
                missing.append("a '## \(heading)' section for \(command)")
                continue
            }
            for option in screen.help.longOptions
            where !Self.documents(option: option, in: own) && !Self.documents(option: option, in: shared) {
                missing.append("\(option) of \(command) (in neither '## \(heading)' nor '## \(Self.sharedHeading)')")
            }
        }
        #expect(missing.isEmpty, "\(Self.article) lacks:\n\(missing.joined(separator: "\n"))")
    }

    @Test func anOptionCountsOnlyInItsCommandsSectionOrTheSharedOne() throws {
        let document = """
            # Commands
            ## Options shared by several commands
            ### Where the profiles come from
            `--config <path>`
            ## tokentop check
            `--json`
            ## tokentop validate
            `--strict`
            """
        let check = try #require(Self.section("tokentop check", in: document))
        let shared = try #require(Self.section(Self.sharedHeading, in: document))
        #expect(Self.documents(option: "--json", in: check))
        #expect(!Self.documents(option: "--strict", in: check), "--strict belongs to validate's section")
        #expect(Self.documents(option: "--config", in: shared), "subsections belong to the section")
        #expect(!Self.documents(option: "--json", in: shared))
        #expect(Self.section("tokentop daemon", in: document) == nil)
    }

    /// The section of options several commands share; an option documented there counts for each.
    static let sharedHeading = "Options shared by several commands"

    /// The text of the level-2 section `## heading` (its subsections included), up to the next
    /// level-2 heading; nil when there is none.
    static func section(_ heading: String, in document: String) -> String? {
        var lines: [Substring]?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if lines != nil { break }
                if line.dropFirst(3).trimmingCharacters(in: .whitespaces) == heading { lines = [] }
                continue
            }
            lines?.append(line)
        }
        return lines?.joined(separator: "\n")
    }

    /// Whether `option` (`--log`) is written in `document` as itself, not as part of a longer
    /// name (`--log-level` does not document `--log`).
    static func documents(option: String, in document: String) -> Bool {
        var rest = document[...]
        while let found = rest.range(of: option) {
            let before =
                found.lowerBound == document.startIndex ? " " : document[document.index(before: found.lowerBound)]
            let after = found.upperBound == document.endIndex ? " " : document[found.upperBound]
            let isNameCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !isNameCharacter(before) && !isNameCharacter(after) { return true }
            rest = document[found.upperBound...]
        }
        return false
    }

    /// Whether the subcommand at `path` (`["check"]`) is named by a heading (as a whole word) or by
    /// a code span holding just its name or its whole command (`check`, `tokentop check`).
    static func documents(subcommand path: [String], in document: String) -> Bool {
        guard let name = path.last else { return false }
        let accepted: Set = [name, (["tokentop"] + path).joined(separator: " ")]
        for line in document.split(separator: "\n") {
            if line.hasPrefix("#") {
                let words = line.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                if words.contains(Substring(name)) { return true }
            }
            let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() where index % 2 == 1 && accepted.contains(String(piece)) {
                return true
            }
        }
        return false
    }
}
