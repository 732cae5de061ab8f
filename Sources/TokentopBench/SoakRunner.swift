import Foundation
import Soak

/// Runs the daemon for the soak's duration and watches it from outside: its states from
/// `/metrics` every second, liveness, and VmRSS every 5 s (the first after warm-up).
struct SoakRunner {
    /// What was seen while the daemon ran.
    struct Run {
        var started: Date
        var ended: Date
        var samples: [StateSample] = []
        var scrapesFailed = 0
        var aliveChecks = 0
        /// Set when a liveness check found the daemon gone.
        var diedAt: Date?
        var rssStartKiB = 0
        var rssEndKiB = 0
        var rssMaxKiB = 0
        /// "exit 0", "signal 9", or nil when it did not stop after SIGTERM.
        var ending: String?
    }

    let tokentop: String
    let profilesPath: String
    let logPath: String
    let workspace: BenchWorkspace
    let seconds: Double
    let quick: Bool

    func run() throws -> Run {
        let daemon = try DaemonProcess(
            tokentop: tokentop,
            arguments: ["--config", profilesPath, "--log", logPath, "--socket", workspace.path("tokentop.sock")],
            environment: workspace.environment, stderrPath: workspace.path("daemon.stderr"))
        let started = Date()
        let end = started.addingTimeInterval(seconds)
        let warmup = quick ? 5.0 : 60.0
        let scrapeInterval = quick ? 0.5 : 1.0
        let rssInterval = quick ? 1.0 : 5.0
        var run = Run(started: started, ended: started)
        var nextRSS = started.addingTimeInterval(min(warmup, seconds / 2))
        var nextProgress = started.addingTimeInterval(60)
        while Date() < end {
            let tick = Date()
            run.aliveChecks += 1
            guard daemon.isRunning else {
                run.diedAt = tick
                break
            }
            scrape(daemon.metricsPort, into: &run)
            if tick >= nextRSS, let rss = ProcFS.memoryKiB(daemon.pid, field: "VmRSS") {
                if run.rssStartKiB == 0 { run.rssStartKiB = rss }
                run.rssEndKiB = rss
                run.rssMaxKiB = max(run.rssMaxKiB, rss)
                nextRSS = tick.addingTimeInterval(rssInterval)
            }
            if tick >= nextProgress {
                Log.progress(
                    "\(Int(tick.timeIntervalSince(started))) s of \(Int(seconds)): RSS \(run.rssEndKiB / 1024) MiB")
                nextProgress = tick.addingTimeInterval(60)
            }
            let pause = scrapeInterval - Date().timeIntervalSince(tick)
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
        }
        // No start reading (a run too short to reach the first sample) stays 0 and fails the
        // RSS check: the end must never stand in for the start.
        if daemon.isRunning, let rss = ProcFS.memoryKiB(daemon.pid, field: "VmRSS") {
            run.rssEndKiB = rss
            run.rssMaxKiB = max(run.rssMaxKiB, rss)
        }
        run.ended = Date()
        run.ending = daemon.terminate()
        return run
    }

    /// One `/metrics` scrape: every profile's state, stamped with the span of the request.
    private func scrape(_ port: UInt16, into run: inout Run) {
        let from = Date()
        guard let answer = LoopbackHTTP.get(port: port, path: "/metrics"), answer.status == 200 else {
            run.scrapesFailed += 1
            return
        }
        let to = Date()
        for (profile, state) in MetricsText.states(in: answer.body) {
            run.samples.append(StateSample(profile: profile, from: from, to: to, state: state))
        }
    }
}
