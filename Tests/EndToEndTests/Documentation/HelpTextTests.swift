import Testing

/// `HelpText` reads ArgumentParser's help screens.
@Suite struct HelpTextTests {
    static let sample = """
        OVERVIEW: Keeps tokens fresh.

        Profiles come from --config PATH, else $TOKENTOP_CONFIG.
        SIGTERM (or SIGINT) stops it; --not-an-option in prose.

        USAGE: tool [<dashboard options>]
               tool <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          dashboard (default)     Show the dashboard (the default).
          check                   Fetch one token per profile and print what
                                  EnKash answered, e.g. with --json.
          very-long-subcommand-name
                                  Wrapped.

          See 'tool help <subcommand>' for detailed help.

        DASHBOARD OPTIONS (`tool` with no subcommand runs the dashboard):
          --config <config>       Profiles file.
          --log-level <log-level> Diagnostics on stderr: --quiet is not an option.
          --theme <NAME|PATH>     Theme name.
          --metrics <[ADDR:]PORT> Serve /metrics.
          --profile <profile> ... Only this profile.
          --manual-refresh-interval <SECONDS>
                                  Manual refreshes send at most one request per
                                  --other-thing mentioned in a wrapped line.
          -v, --verbose, --chatty Aliases.
          --help                  Repeated.
        """

    @Test func readsOptionsAndSubcommands() {
        let help = HelpText(parsing: Self.sample)
        #expect(
            help.longOptions == [
                "--version", "--help", "--config", "--log-level", "--theme", "--metrics", "--profile",
                "--manual-refresh-interval", "--verbose", "--chatty",
            ])
        #expect(help.subcommands == ["dashboard", "check", "very-long-subcommand-name"])
    }

    @Test func aScreenWithoutSubcommandsHasNone() {
        let help = HelpText(parsing: "USAGE: tool check\n\nOPTIONS:\n  --json                  Print JSON.\n")
        #expect(help == HelpText(longOptions: ["--json"], subcommands: []))
    }

    @Test func findsWhatADocumentLacks() {
        let document = "Use `--config` or --log-level. ## tokentop check\n\n## tokentop check\n`tokentop daemon`"
        #expect(CommandLineReferenceTests.documents(option: "--config", in: document))
        #expect(!CommandLineReferenceTests.documents(option: "--log", in: document))
        #expect(!CommandLineReferenceTests.documents(option: "--theme", in: document))
        #expect(CommandLineReferenceTests.documents(subcommand: ["check"], in: document))
        #expect(CommandLineReferenceTests.documents(subcommand: ["daemon"], in: document))
        #expect(!CommandLineReferenceTests.documents(subcommand: ["sandbox"], in: document))
        #expect(!CommandLineReferenceTests.documents(subcommand: ["check"], in: "## tokentop checks\n`check it`"))
    }
}
