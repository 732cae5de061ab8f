import Foundation

/// Runs several programs side by side on their own terminals, waits until each has settled,
/// then measures consecutive windows: bytes written to the terminal per second and CPU used
/// (percent of one core), and finally the peak resident set (VmHWM).
struct SteadyRunner {
    struct Program {
        var label: String
        var isTokentop: Bool
        var executable: Result<String, BenchError>
        var arguments: [String]
        var environment: [String: String] = [:]
        /// False for programs that are never idle by design (watch re-running a command): the
        /// warm-up does not wait for them to settle.
        var settles = true
        /// Typed to the program once it has warmed up (`T` shows tokentop's timeline), before the
        /// second warm-up and the measured windows.
        var keys: [UInt8] = []
    }

    struct Sample {
        var bytesPerSecond: Double
        var cpuPercent: Double
    }

    struct Measured {
        var program: Program
        /// nil with `problem` when the program is missing or died.
        var samples: [Sample] = []
        var peakRSSMiB: Double?
        /// Resident set at the end of the last window (VmRSS).
        var finalRSSMiB: Double?
        var problem: ReportTable.Outcome?
        var note: String?
    }

    var settings: RunSettings
    var environment: [String: String]

    func run(_ programs: [Program]) -> [Measured] {
        var results = programs.map { Measured(program: $0) }
        var running: [(Int, PtyProcess)] = []
        for (index, program) in programs.enumerated() {
            switch program.executable {
            case .failure(let error):
                results[index].problem = .missing(error.description)
            case .success(let path):
                do {
                    let process = try PtyProcess(
                        label: program.label, executable: path, arguments: program.arguments,
                        environment: environment.merging(program.environment) { $1 })
                    running.append((index, process))
                } catch {
                    results[index].problem = .missing("\(error)")
                }
            }
        }
        defer { for (_, process) in running { process.stop() } }
        let processes = running.map(\.1)
        Log.progress("started \(processes.map(\.label).joined(separator: ", ")); warming up")
        let settled = warmUp(processes, waitingFor: Set(running.filter { programs[$0.0].settles }.map(\.1.pid)))
        for (index, process) in running where programs[index].settles && !settled.contains(process.pid) {
            results[index].note = "still busy after the \(Int(settings.maximumWarmup.inSeconds))s warm-up cap"
        }

        let typing = running.filter { !programs[$0.0].keys.isEmpty }
        if !typing.isEmpty {
            for (index, process) in typing { process.type(programs[index].keys) }
            Log.progress("typed keys to \(typing.map(\.1.label).joined(separator: ", ")); warming up again")
            _ = warmUp(processes, waitingFor: Set(typing.map(\.1.pid)))
        }

        for window in 1...settings.windows {
            let before = processes.map { ($0.bytesRead, ProcFS.cpuSeconds($0.pid)) }
            let start = ContinuousClock.now
            PtyProcess.pump(processes, until: start + settings.duration)
            let elapsed = (ContinuousClock.now - start).inSeconds
            for (offset, (index, process)) in running.enumerated() {
                guard results[index].problem == nil else { continue }
                guard process.isRunning, let cpuBefore = before[offset].1, let cpuAfter = ProcFS.cpuSeconds(process.pid)
                else {
                    results[index].problem = .failed("exited during the run (\(process.exit?.description ?? "gone"))")
                    continue
                }
                results[index].samples.append(
                    Sample(
                        bytesPerSecond: Double(process.bytesRead - before[offset].0) / elapsed,
                        cpuPercent: (cpuAfter - cpuBefore) / elapsed * 100))
            }
            Log.progress("window \(window)/\(settings.windows) done (\(String(format: "%.1f", elapsed))s)")
        }
        for (index, process) in running where results[index].problem == nil {
            results[index].peakRSSMiB = ProcFS.memoryKiB(process.pid).map { Double($0) / 1024 }
            results[index].finalRSSMiB = ProcFS.memoryKiB(process.pid, field: "VmRSS").map { Double($0) / 1024 }
        }
        return results
    }

    /// Pumps for the minimum warm-up, then until every program used under `settleCPUPercent`
    /// of a core over `settleCount` consecutive intervals (or the cap). Returns the pids that settled.
    func warmUp(_ processes: [PtyProcess], waitingFor: Set<pid_t>) -> Set<pid_t> {
        let start = ContinuousClock.now
        PtyProcess.pump(processes, until: start + settings.minimumWarmup)
        var quietSeconds: [pid_t: Int] = [:]
        var last = Dictionary(uniqueKeysWithValues: processes.map { ($0.pid, ProcFS.cpuSeconds($0.pid) ?? 0) })
        while ContinuousClock.now - start < settings.maximumWarmup {
            let intervalStart = ContinuousClock.now
            PtyProcess.pump(processes, until: intervalStart + settings.settleInterval)
            let interval = (ContinuousClock.now - intervalStart).inSeconds
            for process in processes {
                let now = ProcFS.cpuSeconds(process.pid) ?? 0
                let busy = (now - (last[process.pid] ?? 0)) / interval * 100 > settings.settleCPUPercent
                quietSeconds[process.pid] = busy ? 0 : (quietSeconds[process.pid] ?? 0) + 1
                last[process.pid] = now
            }
            if processes.allSatisfy({
                !waitingFor.contains($0.pid) || (quietSeconds[$0.pid] ?? 0) >= settings.settleCount || !$0.isRunning
            }) {
                break
            }
        }
        Log.progress("warm-up took \(String(format: "%.1f", (ContinuousClock.now - start).inSeconds))s")
        return Set(processes.filter { (quietSeconds[$0.pid] ?? 0) >= settings.settleCount }.map(\.pid))
    }
}

extension SteadyRunner.Measured {
    func outcome(_ value: (SteadyRunner.Sample) -> Double) -> ReportTable.Outcome {
        if let problem { return problem }
        return samples.isEmpty ? .failed("no samples") : .figures(Summary(samples.map(value)))
    }

    var peakOutcome: ReportTable.Outcome {
        if let problem { return problem }
        return peakRSSMiB.map { .figures(Summary([$0])) } ?? .failed("no VmHWM")
    }

    var finalOutcome: ReportTable.Outcome {
        if let problem { return problem }
        return finalRSSMiB.map { .figures(Summary([$0])) } ?? .failed("no VmRSS")
    }
}
