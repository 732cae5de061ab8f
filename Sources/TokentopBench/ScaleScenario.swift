import ArgumentParser
import Foundation

/// `scale`: peak RSS and idle CPU of the dashboard with 1k, 10k and 100k profiles loaded.
struct ScaleScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "Peak RSS and idle CPU of the dashboard with 1k, 10k and 100k profiles.")

    @OptionGroup var options: BenchOptions

    func run() throws { try Self.measure(options) }

    static func measure(_ options: BenchOptions) throws {
        let programs = try Programs(explicit: options.tokentop)
        let settings = options.settings(duration: 30, repeats: 2)
        let counts = options.quick ? [10, 20, 40] : [1_000, 10_000, 100_000]
        BenchHeader.print(
            scenario: "scale", programs: programs,
            what: "the dashboard with \(counts.map(String.init).joined(separator: ", ")) profiles side by side, "
                + "all tokens fetched (24h lifetime): peak RSS (VmHWM), RSS at the end (VmRSS) and idle CPU over \(settings.windows) x "
                + "\(settings.duration.inSeconds)s windows")
        let workspace = try BenchWorkspace()
        let sandbox = try SandboxProcess(
            tokentop: programs.tokentop, credentials: try workspace.credentialsFile(count: counts.max() ?? 1),
            environment: workspace.environment)
        defer { sandbox.stop() }
        let runner = SteadyRunner(settings: settings, environment: workspace.environment)
        let measured = runner.run(
            try counts.enumerated().map { index, count in
                .init(
                    label: "tokentop dashboard, \(count) profiles", isTokentop: index == 0,
                    executable: .success(programs.tokentop),
                    arguments: ["--config", try workspace.profilesFile(count: count, baseURL: sandbox.baseURL)])
            })
        var memory = ReportTable(title: "peak RSS (VmHWM) (lower is better)", unit: "MiB")
        var resident = ReportTable(title: "RSS after the last window (VmRSS) (lower is better)", unit: "MiB")
        var cpu = ReportTable(title: "idle CPU, % of one core (lower is better)", unit: "%", decimals: 3)
        for result in measured {
            memory.add(result.program.label, result.peakOutcome, tokentop: result.program.isTokentop)
            resident.add(result.program.label, result.finalOutcome, tokentop: result.program.isTokentop)
            cpu.add(result.program.label, result.outcome(\.cpuPercent), tokentop: result.program.isTokentop)
        }
        print(memory.render())
        print(resident.render())
        print(cpu.render())
        Notes.print(measured)
    }
}
