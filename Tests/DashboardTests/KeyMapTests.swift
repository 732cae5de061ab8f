import Dashboard
import Foundation
import Testing
import TokenModel

@Suite struct KeyMapTests {
    /// A state in which `context` is the one consulted first.
    static func state(in context: KeyContext) -> DashboardState {
        var state = Fixture.state()
        switch context {
        case .always, .global, .table: break
        case .log: state.focus = .log
        case .filter: state.isEditingFilter = true
        case .confirm: state.confirmation = .refreshAll(count: 9)
        case .help: state.showHelp = true
        case .timeline: state.showTimeline = true
        }
        return state
    }

    @Test func everyKeyResolvesToItsBindingInItsContext() {
        for binding in KeyMap.bindings {
            for key in binding.keys {
                #expect(
                    KeyMap.action(for: key, in: Self.state(in: binding.context)) == binding.action,
                    "\(key.label) in \(binding.context)")
            }
        }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            let keys = KeyMap.bindings(in: context).flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context)")
        }
    }

    @Test func theIssuesKeysAreAllThere() {
        let bound = Set(KeyMap.bindings.flatMap(\.keys))
        let wanted: [Key] =
            [
                .up, .down, .char("j"), .char("k"), .char("g"), .char("G"), .tab, .enter, .char("r"),
                .char("R"), .char("p"), .char("/"), .escape, .char("l"), .pageUp, .pageDown, .char("t"), .ctrl("l"),
                .char("?"), .char("q"), .f(10), .ctrl("c"), .char("y"), .char("n"),
            ]
            + (1...9).map { .char(Character(String($0))) }
        for key in wanted { #expect(bound.contains(key), "\(key.label)") }
    }

    @Test func markdownTableListsEveryBinding() {
        let table = KeyMap.markdownTable()
        let lines = table.split(separator: "\n")
        #expect(lines.first == "| Keys | Where | What it does |")
        #expect(lines.count == 2 + KeyMap.bindings.count)
        #expect(table.contains("| `q` / `F10` / `Ctrl-C` |") == false)  // q and F10/Ctrl-C are separate rows
        #expect(table.contains("| `F10` / `Ctrl-C` | Anywhere | Quit |"))
        #expect(table.contains("| `1-9` | Dashboard | Jump to profile 1-9 of the list |"))
        #expect(table.contains("| `↑` / `k` | Profile table | Select the previous profile |"))
        #expect(table.contains("| text | Filter | Type to narrow the list |"))
        for line in lines.dropFirst(2) {
            #expect(line.split(separator: "|", omittingEmptySubsequences: false).count == 5)
        }
    }

    /// The README's key table, kept as a golden file so a change to the map shows up in review.
    @Test func markdownTableGolden() throws {
        try Golden.check(KeyMap.markdownTable().trimmingCharacters(in: .newlines), "keys.md")
    }

    @Test func helpLinesComeFromTheSameTable() {
        let lines = KeyMap.helpLines()
        for binding in KeyMap.bindings {
            #expect(lines.contains(.binding(keys: binding.label, description: binding.description)))
        }
        for context in KeyContext.allCases { #expect(lines.contains(.heading(context.title))) }
    }

    @Test func footerOffersTheFocusedPanesKeysFirst() {
        var state = Fixture.state()
        #expect(KeyMap.footerBindings(for: state).first?.action == .moveUp)
        state.focus = .log
        #expect(KeyMap.footerBindings(for: state).first?.action == .scrollLogUp)
        state.confirmation = .refreshRejected("x")
        #expect(KeyMap.footerBindings(for: state).map(\.action) == [.confirmYes, .confirmNo])
    }

    @Test func keyLabels() {
        #expect(Key.ctrl("l").label == "Ctrl-L")
        #expect(Key.f(10).label == "F10")
        #expect(Key.char(" ").label == "Space")
        #expect(Key.char("5").digit == 5)
        #expect(Key.char("0").digit == nil)
        #expect(Key.char("٣").digit == nil, "only ASCII digits jump")
    }
}

@Suite struct ReadmeKeyTableTests {
    @Test func readmeHoldsTheGeneratedKeyTable() throws {
        let readme = try String(contentsOf: RepoPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(KeyMap.markdownTable().trimmingCharacters(in: .newlines)))
    }
}
