import ArgumentParser
import TokenModel

@main
struct Tokentop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokentop",
        abstract: "Keeps EnKash merchant tokens fresh and shows them on a terminal dashboard.",
        discussion: """
            Profiles come from --config PATH, else $TOKENTOP_CONFIG, else \
            $XDG_CONFIG_HOME/tokentop/profiles.yaml (~/.config/tokentop/profiles.yaml). \
            --demo uses a built-in sandbox instead: no account, no network.
            """,
        version: TokentopVersion.current,
        subcommands: [
            DashboardRunCommand.self, CheckCommand.self, ValidateCommand.self, InitCommand.self, SandboxCommand.self,
            DaemonCommand.self,
        ],
        defaultSubcommand: DashboardRunCommand.self
    )

    /// ArgumentParser's `main`, after the two things it does not do for a root command with a
    /// default subcommand: `--help` with that subcommand's options, and a did-you-mean for a
    /// mistyped subcommand (exit 64, like every usage error).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if RootHelp.isRequest(arguments) {
            print(RootHelp.text())
            return
        }
        if let error = SubcommandSuggestion.error(for: arguments) { exit(withError: error) }
        await main(nil)
    }
}
