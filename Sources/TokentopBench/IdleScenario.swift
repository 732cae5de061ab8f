import ArgumentParser
import Foundation

/// `idle`: CPU used while nothing happens: the dashboard with 1,000 and 10,000 profiles and the
/// daemon with 10,000, against htop and btop over the same minutes.
struct IdleScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle",
        abstract: "CPU over 60 s windows: dashboard (1k, 10k profiles), daemon (10k) vs htop and btop.")

    @OptionGroup var options: BenchOptions

    func run() throws { try Self.measure(options) }

    static func measure(_ options: BenchOptions) throws {
        let programs = try Programs(explicit: options.tokentop)
        let settings = options.settings(duration: 60, repeats: 3)
        let small = options.quick ? 20 : 1_000
        let large = options.quick ? 50 : 10_000
        BenchHeader.print(
            scenario: "idle", programs: programs,
            what: "CPU time (utime+stime from /proc) per second of wall time, in % of one core, after warm-up "
                + "(all tokens fetched, CPU settled); all programs side by side, \(settings.windows) x "
                + "\(settings.duration.inSeconds)s windows; tokens live 24h")
        let workspace = try BenchWorkspace()
        let sandbox = try SandboxProcess(
            tokentop: programs.tokentop, credentials: try workspace.credentialsFile(count: large),
            environment: workspace.environment)
        defer { sandbox.stop() }
        try PeerSetup.btopConfig(in: workspace)
        let runner = SteadyRunner(settings: settings, environment: workspace.environment)
        let measured = runner.run([
            .init(
                label: "tokentop dashboard, \(small) profiles", isTokentop: true,
                executable: .success(programs.tokentop),
                arguments: ["--config", try workspace.profilesFile(count: small, baseURL: sandbox.baseURL)]),
            .init(
                label: "tokentop dashboard, \(large) profiles", isTokentop: true,
                executable: .success(programs.tokentop),
                arguments: ["--config", try workspace.profilesFile(count: large, baseURL: sandbox.baseURL)]),
            .init(
                label: "tokentop daemon, \(large) profiles", isTokentop: true, executable: .success(programs.tokentop),
                arguments: ["daemon", "--config", try workspace.profilesFile(count: large, baseURL: sandbox.baseURL)]),
            .init(label: "htop -d 10", isTokentop: false, executable: Programs.peer("htop"), arguments: ["-d", "10"]),
            .init(label: "btop (update_ms 1000)", isTokentop: false, executable: Programs.peer("btop"), arguments: []),
        ])
        var table = ReportTable(title: "idle CPU, % of one core (lower is better)", unit: "%", decimals: 3)
        for result in measured {
            table.add(result.program.label, result.outcome(\.cpuPercent), tokentop: result.program.isTokentop)
        }
        print(table.render())
        Notes.print(measured)
    }
}
