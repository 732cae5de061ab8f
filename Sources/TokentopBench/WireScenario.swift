import ArgumentParser
import Foundation

/// `wire`: bytes per second each program writes to its terminal in steady state, at 120x40.
struct WireScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wire",
        abstract: "Bytes/s written to the terminal in steady state: tokentop (20, 35 profiles) vs htop, btop, watch.")

    @OptionGroup var options: BenchOptions

    @Flag(help: "Show tokentop's timeline (types T once it has warmed up) while measuring.")
    var timeline = false

    func run() throws { try Self.measure(options, timeline: timeline) }

    static func measure(_ options: BenchOptions, timeline: Bool = false) throws {
        let programs = try Programs(explicit: options.tokentop)
        let settings = options.settings(duration: 20, repeats: 3)
        let small = options.quick ? 5 : 20
        let large = options.quick ? 8 : 35
        BenchHeader.print(
            scenario: "wire", programs: programs,
            what: "bytes/s written to the terminal after warm-up; all programs side by side, "
                + "\(settings.windows) x \(settings.duration.inSeconds)s windows; tokens live 24h"
                + (timeline ? "; tokentop shows its timeline (T)" : ""))
        let workspace = try BenchWorkspace()
        let sandbox = try SandboxProcess(
            tokentop: programs.tokentop, credentials: try workspace.credentialsFile(count: large),
            environment: workspace.environment)
        defer { sandbox.stop() }
        try PeerSetup.btopConfig(in: workspace)
        let checkFile = try workspace.profilesFile(count: small, baseURL: sandbox.baseURL)
        let watched = "\(programs.tokentop) check --config \(checkFile)"
        let runner = SteadyRunner(settings: settings, environment: workspace.environment)
        let keys: [UInt8] = timeline ? Array("T".utf8) : []
        let view = timeline ? ", timeline" : ""
        let measured = runner.run([
            .init(
                label: "tokentop, \(small) profiles\(view)", isTokentop: true, executable: .success(programs.tokentop),
                arguments: ["--config", try workspace.profilesFile(count: small, baseURL: sandbox.baseURL)], keys: keys),
            .init(
                label: "tokentop, \(large) profiles\(view)", isTokentop: true, executable: .success(programs.tokentop),
                arguments: ["--config", try workspace.profilesFile(count: large, baseURL: sandbox.baseURL)], keys: keys),
            .init(label: "htop -d 10", isTokentop: false, executable: Programs.peer("htop"), arguments: ["-d", "10"]),
            .init(label: "btop (update_ms 1000)", isTokentop: false, executable: Programs.peer("btop"), arguments: []),
            .init(
                label: "watch -n 1 tokentop check (\(small))", isTokentop: false,
                executable: Programs.peer("watch", package: "procps"),
                arguments: ["-n", "1", watched], settles: false),
        ])
        var table = ReportTable(title: "bytes per second written to the terminal (lower is better)", unit: "B/s")
        for result in measured {
            table.add(result.program.label, result.outcome(\.bytesPerSecond), tokentop: result.program.isTokentop)
        }
        print(table.render())
        Notes.print(measured)
    }
}
