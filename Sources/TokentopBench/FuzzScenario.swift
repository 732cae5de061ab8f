import ArgumentParser
import Foundation
import TokentopFuzz

/// `fuzz`: the response decoder and the profiles parser under seeded byte-level mutation for a
/// time budget (in this process: a crash ends the run, and the input that caused it is the file
/// named at the start).
struct FuzzScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Fuzz the response decoder and the profiles parser for a time budget.")

    @Option(help: "Seconds per target (default 60; --quick 1).")
    var seconds: Double?

    @Option(help: "The campaign's seed (a run is reproducible from it).")
    var seed: UInt64 = 20_261_125

    @Flag(help: "A tiny run that only shows the harness works.")
    var quick = false

    func run() throws {
        let budget = seconds ?? (quick ? 1 : 60)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-fuzz-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        print("== fuzz: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")), \(budget) s each, seed \(seed)")
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) CPUs; inputs in \(directory) (last-<target>.bin is the input running if the process dies)"
        )
        func column(_ text: String, _ width: Int, left: Bool = false) -> String {
            let pad = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + pad : pad + text
        }
        print(
            column("target", 10, left: true) + column("executions", 12) + column("exec/s", 10) + column("outcomes", 10)
                + column("violations", 12))
        var failed = false
        for target in FuzzTarget.allCases {
            let last = directory + "/last-\(target.rawValue).bin"
            let deadline = ContinuousClock.now + .milliseconds(Int64(budget * 1000))
            let started = ContinuousClock.now
            // The input about to run, rewritten in place (one pwrite), so a crash leaves it behind.
            let fd = open(last, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
            defer { close(fd) }
            let report = FuzzCampaign(target: target, seed: seed).run(
                before: { _, input in
                    _ = ftruncate(fd, 0)
                    _ = input.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                },
                shouldStop: { ContinuousClock.now >= deadline })
            let elapsed = (ContinuousClock.now - started).inSeconds
            let rate = Int((Double(report.executions) / max(elapsed, 0.001)).rounded())
            print(
                column(target.rawValue, 10, left: true) + column("\(report.executions)", 12) + column("\(rate)", 10)
                    + column("\(report.outcomes.count)", 10) + column("\(report.violations.count)", 12))
            for (index, found) in report.violations.prefix(5).enumerated() {
                let file = directory + "/violation-\(target.rawValue)-\(index).bin"
                _ = FileManager.default.createFile(atPath: file, contents: Data(found.input))
                print("  violation at iteration \(found.iteration): \(found.violation) (input: \(file))")
                failed = true
            }
        }
        print("median: not applicable (counts per target above)")
        if failed { throw ExitCode(1) }
    }
}
