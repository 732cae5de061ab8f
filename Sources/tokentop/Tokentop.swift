import ArgumentParser
import TokentopCore

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
        version: TokenClient.version,
        subcommands: [
            DashboardRunCommand.self, CheckCommand.self, ValidateCommand.self, InitCommand.self, SandboxCommand.self,
            DaemonCommand.self,
        ],
        defaultSubcommand: DashboardRunCommand.self
    )
}
