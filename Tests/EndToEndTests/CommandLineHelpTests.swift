import Foundation
import Testing

/// The real binary's help, completions and mistyped subcommands. Subcommand and option names come
/// from the binary's own command tree (ArgumentParser's `--experimental-dump-help`), so a new
/// subcommand or dashboard option is covered without editing these tests.
@Suite struct CommandLineHelpTests {
    /// The command tree as the binary describes it.
    struct CommandTree {
        var subcommands: [String]
        var defaultSubcommand: String
        /// The long names (`--demo`) of the default subcommand's displayed options and flags.
        var defaultOptions: [String]
    }

    static func commandTree() async throws -> CommandTree {
        let output = try await Binary.run(["--experimental-dump-help"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        guard let root = (json as? [String: Any])?["command"] as? [String: Any],
            let subcommands = root["subcommands"] as? [[String: Any]],
            let defaultName = root["defaultSubcommand"] as? String
        else { throw TestFailure("unexpected --experimental-dump-help output: \(output.stdout.prefix(300))") }
        let names = subcommands.compactMap { $0["commandName"] as? String }
        let dashboard = subcommands.first { $0["commandName"] as? String == defaultName }
        let options = (dashboard?["arguments"] as? [[String: Any]] ?? []).compactMap { argument -> String? in
            guard argument["shouldDisplay"] as? Bool == true, argument["kind"] as? String != "positional",
                let preferred = argument["preferredName"] as? [String: Any], preferred["kind"] as? String == "long",
                let name = preferred["name"] as? String, name != "help", name != "version"
            else { return nil }
            return "--" + name
        }
        return CommandTree(subcommands: names, defaultSubcommand: defaultName, defaultOptions: options)
    }

    @Test func treeHasTheKnownSubcommandsAndDashboardOptions() async throws {
        let tree = try await Self.commandTree()
        #expect(tree.defaultSubcommand == "dashboard")
        #expect(
            Set(["dashboard", "check", "validate", "init", "sandbox", "daemon"]).isSubset(of: Set(tree.subcommands)))
        #expect(Set(["--config", "--demo", "--theme", "--log", "--socket"]).isSubset(of: Set(tree.defaultOptions)))
    }

    @Test func bashCompletionNamesEverySubcommand() async throws {
        let tree = try await Self.commandTree()
        let output = try await Binary.run(["--generate-completion-script", "bash"])
        #expect(output.status == 0, "\(output.stderr)")
        let script = output.stdout
        for name in tree.subcommands {
            // ArgumentParser's bash script has one completion function per subcommand.
            #expect(script.contains("_tokentop_\(name)()"), "no completion function for \(name)")
        }
        #expect(
            script.contains("complete -o filenames -F _tokentop tokentop") || script.contains("-F _tokentop tokentop"))
    }

    @Test(arguments: ["zsh", "fish"])
    func otherShellsGetAScriptNamingTheSubcommands(shell: String) async throws {
        let tree = try await Self.commandTree()
        let output = try await Binary.run(["--generate-completion-script", shell])
        #expect(output.status == 0, "\(output.stderr)")
        for name in tree.subcommands { #expect(output.stdout.contains(name), "\(shell): \(name)") }
    }

    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func rootHelpShowsTheDashboardOptionsAndTheSubcommands(arguments: [String]) async throws {
        let tree = try await Self.commandTree()
        let output = try await Binary.run(arguments)
        #expect(output.status == 0, "\(output.stderr)")
        let help = output.stdout
        #expect(help.contains("SUBCOMMANDS:"))
        // ArgumentParser's own `help` subcommand is not listed (the screen ends with how to use it).
        for name in tree.subcommands where name != "help" {
            #expect(help.contains("\n  \(name) "), "subcommand \(name) missing")
        }
        #expect(help.contains("DASHBOARD OPTIONS"))
        let options = help.components(separatedBy: "DASHBOARD OPTIONS").last ?? ""
        for option in tree.defaultOptions { #expect(options.contains("  \(option)"), "option \(option) missing") }
    }

    @Test(arguments: [("chek", "check"), ("valdate", "validate"), ("deamon", "daemon"), ("sandbx", "sandbox")])
    func aMistypedSubcommandGetsADidYouMean(typed: String, meant: String) async throws {
        let output = try await Binary.run([typed])
        #expect(output.status == 64)
        #expect(output.stderr.contains("unknown subcommand '\(typed)' (did you mean '\(meant)'?)"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func aWordLikeNoSubcommandListsThemAll() async throws {
        let tree = try await Self.commandTree()
        let output = try await Binary.run(["frobnicate", "--demo"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("unknown subcommand 'frobnicate'"))
        for name in tree.subcommands { #expect(output.stderr.contains(name)) }
    }

    @Test func subcommandsAndTheirHelpStillWork() async throws {
        let check = try await Binary.run(["help", "check"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("USAGE: tokentop check"))
        let version = try await Binary.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }
}
