import ArgumentParser

/// `tokentop-bench <scenario> [options]`: measures tokentop against the programs an operator
/// would otherwise use, each in a real pseudo-terminal, from outside.
@main
struct TokentopBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokentop-bench",
        abstract: "Benchmarks tokentop against htop, btop, curl and watch in real pseudo-terminals.",
        discussion: """
            Run in release mode: swift build -c release && swift run -c release tokentop-bench wire. \
            Every figure is printed as min / median / max over the runs, with the ratio of each \
            peer's median to tokentop's. A peer that is not installed is reported MISSING.
            """,
        subcommands: [
            WireScenario.self, IdleScenario.self, KeysScenario.self, StartupScenario.self, RefreshScenario.self,
            ScaleScenario.self, FuzzScenario.self, SoakScenario.self, AllScenarios.self,
        ]
    )
}

/// `all`: every scenario in turn, with the same options.
struct AllScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every scenario in turn.")

    @OptionGroup var options: BenchOptions

    func run() throws {
        try WireScenario.measure(options)
        try IdleScenario.measure(options)
        try KeysScenario.measure(options)
        try StartupScenario.measure(options)
        try RefreshScenario.measure(options)
        try ScaleScenario.measure(options)
    }
}
