import ArgumentParser
import Foundation
import Soak

/// `soak`: the daemon against a faulty sandbox for a long time (issue 6): 20 profiles whose
/// tokens live 20-60 s, 30% 5xx, 10% hangs past the timeout, 5% malformed bodies, 5% 429 and
/// 0-2 s latency. Samples the daemon's states (`/metrics`), liveness and RSS; at the end stops
/// it with SIGTERM, reads the sandbox's counts and checks the result log (see `Soak`).
struct SoakScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "The daemon against a faulty sandbox for 10 minutes: token gaps, lost log lines, retry storms, RSS.")

    @Option(help: "Seconds to run (default 600; --quick 15).")
    var duration: Double?

    @Option(help: "Profiles (default 20; --quick 6).")
    var profiles: Int?

    @Option(help: "The sandbox's seed (its faults and tokens are reproducible from it).")
    var seed: UInt64 = 20_261_125

    @Option(help: "The tokentop binary (default: the one next to tokentop-bench).")
    var tokentop: String?

    @Flag(help: "A short run (15 s, 6 profiles, tokens living 15-25 s) that shows the harness works.")
    var quick = false

    func validate() throws {
        if let duration, duration <= 0 { throw ValidationError("--duration must be above zero") }
        if let profiles, profiles < 1 { throw ValidationError("--profiles must be at least 1") }
    }

    func run() throws {
        let programs = try Programs(explicit: tokentop)
        let seconds = duration ?? (quick ? 15 : 600)
        let files =
            quick
            ? SoakFiles(profiles: profiles ?? 6, shortest: 15, longest: 25)
            : SoakFiles(profiles: profiles ?? 20, shortest: 20, longest: 60)
        BenchHeader.print(
            scenario: "soak", programs: programs,
            what: "tokentop daemon, \(files.profiles) profiles (tokens living \(files.lifetimes.min() ?? 0)-"
                + "\(files.lifetimes.max() ?? 0) s, timeout \(SoakFiles.timeoutSeconds) s) against a tokentop sandbox "
                + "(seed \(seed)) answering 30% 5xx, 10% hangs, 5% malformed, 5% 429 (Retry-After "
                + "\(SoakFiles.retryAfterSeconds) s), latency \(SoakFiles.latency), for \(Int(seconds)) s")
        let workspace = try BenchWorkspace()
        let credentials = workspace.path("credentials.yaml")
        try workspace.write(files.credentials(), to: credentials)
        let sandbox = try SandboxProcess(
            tokentop: programs.tokentop, credentials: credentials, environment: workspace.environment, seed: seed)
        defer { sandbox.stop() }
        let profilesPath = workspace.path("profiles.yaml")
        try workspace.write(files.profilesFile(baseURL: sandbox.baseURL), to: profilesPath)
        let logPath = workspace.path("results.jsonl")
        let run = try SoakRunner(
            tokentop: programs.tokentop, profilesPath: profilesPath, logPath: logPath, workspace: workspace,
            seconds: seconds, quick: quick
        ).run()
        guard let stats = sandbox.stats(timeout: 5) else {
            throw BenchError("the sandbox did not answer GET /_sandbox/stats")
        }
        let counts = try SandboxCounts(json: stats, profileByAccessKey: files.profileByAccessKey)
        let report = SoakReport(
            run: run, counts: counts, log: ResultLogReader(text: Self.readLog(logPath)), profileCount: files.profiles)
        report.print()
        if !report.verdict.passed {
            workspace.keep = true
            Swift.print("kept for a look: \(workspace.root) (result log \(logPath))")
            throw ExitCode(1)
        }
    }

    /// The result log with any rotated files, oldest first.
    static func readLog(_ path: String) -> String {
        let rotated = (1...9).reversed().map { "\(path).\($0)" }.filter { FileManager.default.fileExists(atPath: $0) }
        return (rotated + [path]).compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined()
    }
}
