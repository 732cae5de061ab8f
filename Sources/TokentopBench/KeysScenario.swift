import ArgumentParser
import Foundation

/// `keys`: time from a key written to the terminal to the first byte of the screen change it
/// causes arriving back on the terminal.
struct KeysScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Key to screen change on the pty: p50/p99 over 240 keys (j, k, digits, Tab).")

    @OptionGroup var options: BenchOptions

    func run() throws { try Self.measure(options) }

    /// Each key changes the screen from the state the one before left: the selection moves
    /// (j, k, 3, 7) or the focus switches to the log and back (Tab, Tab).
    static let cycle: [(String, [UInt8])] = [
        ("j", [0x6A]), ("k", [0x6B]), ("j", [0x6A]), ("3", [0x33]), ("7", [0x37]), ("Tab", [0x09]), ("Tab", [0x09]),
        ("k", [0x6B]),
    ]

    static func measure(_ options: BenchOptions) throws {
        let programs = try Programs(explicit: options.tokentop)
        let settings = options.settings(duration: 1, repeats: 1)
        let keys = options.repeats ?? (options.quick ? 8 : 240)
        let count = 20
        BenchHeader.print(
            scenario: "keys", programs: programs,
            what: "from a key written to the pty master to the first byte of the redraw read back, \(keys) keys "
                + "(\(cycle.map(\.0).joined(separator: " ")) repeated), \(count) profiles, tokens live 24h; keys are "
                + "sent between .10 and .75 of a wall-clock second so the countdown tick cannot answer for them")
        let workspace = try BenchWorkspace()
        let sandbox = try SandboxProcess(
            tokentop: programs.tokentop, credentials: try workspace.credentialsFile(count: count),
            environment: workspace.environment)
        defer { sandbox.stop() }
        let dashboard = try PtyProcess(
            label: "tokentop", executable: programs.tokentop,
            arguments: ["--config", try workspace.profilesFile(count: count, baseURL: sandbox.baseURL)],
            environment: workspace.environment)
        defer { dashboard.stop() }
        let runner = SteadyRunner(settings: settings, environment: workspace.environment)
        _ = runner.warmUp([dashboard], waitingFor: [dashboard.pid])

        var latencies: [Double] = []
        var timeouts = 0
        var discarded = 0
        var sent = 0
        while latencies.count + timeouts < keys && sent < keys * 3 {
            guard dashboard.isRunning else { break }
            waitForQuietPartOfSecond(dashboard)
            let second = floor(Date().timeIntervalSince1970)
            let key = cycle[sent % cycle.count].1
            sent += 1
            let start = ContinuousClock.now
            dashboard.type(key)
            guard let seen = dashboard.nextOutput(before: start + .seconds(1)) else {
                timeouts += 1
                continue
            }
            let latency = (seen - start).inSeconds * 1000
            dashboard.waitForQuiet(.milliseconds(30))
            if floor(Date().timeIntervalSince1970) != second {
                // The countdown tick may have drawn in between: measure this key again.
                discarded += 1
                continue
            }
            latencies.append(latency)
        }
        var table = ReportTable(title: "key to screen change (lower is better)", unit: "ms", decimals: 2)
        if dashboard.isRunning {
            table.add("tokentop, \(count) profiles", samples: latencies, tokentop: true)
        } else {
            table.add(
                "tokentop, \(count) profiles", .failed("exited (\(dashboard.exit?.description ?? "gone"))"),
                tokentop: true)
        }
        print(table.render())
        let summary = Summary(latencies)
        print(
            String(
                format: "    tokentop, %d profiles  p50 %.2f ms  p99 %.2f ms  over %d keys; no change within 1 s: %d; "
                    + "re-measured (crossed a tick): %d",
                count, summary.median, summary.percentile(99), latencies.count, timeouts, discarded))
    }

    /// Waits, reading, until the wall clock is between .10 and .75 of a second and the screen is quiet.
    private static func waitForQuietPartOfSecond(_ process: PtyProcess) {
        while true {
            let fraction = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
            if fraction >= 0.10 && fraction <= 0.75 {
                process.waitForQuiet(.milliseconds(20))
                let after = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
                if after >= 0.10 && after <= 0.75 { return }
                continue
            }
            let wait = fraction < 0.10 ? 0.10 - fraction : 1.10 - fraction
            PtyProcess.pump([process], until: .now + .milliseconds(Int64(wait * 1000) + 1))
        }
    }
}
