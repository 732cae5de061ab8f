import ArgumentParser
import Foundation

/// `refresh`: N tokens fetched at once from a separate `tokentop sandbox` at concurrency 64:
/// `tokentop check` against `curl --parallel --parallel-max 64` sending the same requests.
struct RefreshScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "10,000 tokens at concurrency 64 from a tokentop sandbox: tokentop check vs curl --parallel.")

    @OptionGroup var options: BenchOptions

    func run() throws { try Self.measure(options) }

    /// One run of one program: what came back and what it cost.
    struct Run {
        var seconds: Double
        var tokens: Int
        var latenciesMs: [Double]
        var peakRSSMiB: Double
        var cpuSeconds: Double
        /// The sandbox's own view of the run: tokens it issued, and the time from the first
        /// request it decided to the last (`/_sandbox/stats`, reset before the run).
        var server = ServerWindow(issued: 0, seconds: .nan, requests: 0)
    }

    struct ServerWindow {
        var issued: Int
        var seconds: Double
        var requests: Int

        /// Issued tokens over the window between the first and the last decision (whole
        /// milliseconds at the server; 10,000 requests span hundreds of them).
        var tokensPerSecond: Double { seconds > 0 ? Double(issued) / seconds : .nan }
    }

    static let concurrency = 64

    static func measure(_ options: BenchOptions) throws {
        let programs = try Programs(explicit: options.tokentop)
        let count = options.quick ? 50 : 10_000
        let runs = options.repeats ?? (options.quick ? 1 : 3)
        BenchHeader.print(
            scenario: "refresh", programs: programs,
            what: "\(count) token requests at concurrency \(concurrency) against a separate tokentop sandbox "
                + "(no faults, no added latency), \(runs) runs each, interleaved; wall time from fork to exit, "
                + "latency per request as each program reports it, peak RSS from wait4's rusage; the fetch phase "
                + "as the sandbox saw it (its stats reset before each run)")
        let workspace = try BenchWorkspace()
        let sandbox = try SandboxProcess(
            tokentop: programs.tokentop, credentials: try workspace.credentialsFile(count: count),
            environment: workspace.environment)
        defer { sandbox.stop() }
        let profiles = try workspace.profilesFile(count: count, baseURL: sandbox.baseURL, concurrency: concurrency)
        let curlConfig = try curlConfigFile(count: count, baseURL: sandbox.baseURL, in: workspace)
        let curl = Programs.peer("curl")

        var ours: [Run] = []
        var theirs: [Run] = []
        var problems: [ReportTable.Outcome?] = [nil, nil]
        if case .failure(let error) = curl { problems[1] = .missing(error.description) }
        for run in 1...runs {
            if problems[0] == nil {
                do {
                    let reset = resetStats(sandbox)
                    var run = try tokentopCheck(
                        programs.tokentop, profiles: profiles, workspace: workspace, expected: count)
                    if reset { run.server = try serverWindow(sandbox) }
                    ours.append(run)
                } catch {
                    problems[0] = .failed("\(error)")
                }
            }
            if problems[1] == nil, case .success(let path) = curl {
                do {
                    let reset = resetStats(sandbox)
                    var run = try curlParallel(path, config: curlConfig, workspace: workspace, expected: count)
                    if reset { run.server = try serverWindow(sandbox) }
                    theirs.append(run)
                } catch {
                    problems[1] = .failed("\(error)")
                }
            }
            Log.progress("run \(run)/\(runs) done")
        }

        let labels = ["tokentop check --concurrency \(concurrency)", "curl --parallel --parallel-max \(concurrency)"]
        let columns: [(String, String, Int, (Run) -> Double)] = [
            ("throughput, tokens per second (higher is better)", "tok/s", 0, { Double($0.tokens) / $0.seconds }),
            (
                "fetch phase at the server: tokens issued per second between the first and the last request the "
                    + "sandbox decided (higher is better)", "tok/s", 0, \.server.tokensPerSecond
            ),
            ("wall time for all requests (lower is better)", "s", 2, \.seconds),
            ("latency p50 per request (lower is better)", "ms", 2, { Summary($0.latenciesMs).median }),
            ("latency p99 per request (lower is better)", "ms", 2, { Summary($0.latenciesMs).percentile(99) }),
            ("peak RSS (lower is better)", "MiB", 1, \.peakRSSMiB),
            ("CPU time, user+system (lower is better)", "s", 2, \.cpuSeconds),
        ]
        for (title, unit, decimals, value) in columns {
            var table = ReportTable(title: title, unit: unit, decimals: decimals)
            for (index, results) in [ours, theirs].enumerated() {
                if let problem = problems[index], results.isEmpty {
                    table.add(labels[index], problem, tokentop: index == 0)
                } else if case let samples = results.map(value).filter({ !$0.isNaN }), !samples.isEmpty {
                    table.add(labels[index], samples: samples, tokentop: index == 0)
                } else {
                    table.add(labels[index], .failed("no figure (see the progress lines)"), tokentop: index == 0)
                }
            }
            print(table.render())
        }
        let tokens = [ours, theirs].map { $0.map { "\($0.tokens)" }.joined(separator: ",") }
        print("    tokens received per run: tokentop \(tokens[0]); curl \(tokens[1]) (of \(count))")
        let requests = [ours, theirs].map { $0.map { "\($0.server.requests)" }.joined(separator: ",") }
        print("    requests the sandbox counted per run: tokentop \(requests[0]); curl \(requests[1])")
    }

    /// `DELETE /_sandbox/stats`: the counts and the request window start afresh for the next run.
    /// False (the fetch-phase row then shows no figure) for a sandbox without it, e.g. an older
    /// `--tokentop` binary.
    private static func resetStats(_ sandbox: SandboxProcess) -> Bool {
        guard sandbox.stats("DELETE") != nil else {
            Log.progress("the sandbox did not reset its stats (DELETE /_sandbox/stats): no fetch-phase figure")
            return false
        }
        return true
    }

    /// What the sandbox saw of the run just ended.
    private static func serverWindow(_ sandbox: SandboxProcess) throws -> ServerWindow {
        guard let body = sandbox.stats(),
            let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let totals = object["totals"] as? [String: Any]
        else { throw BenchError("could not read the sandbox's stats (GET /_sandbox/stats)") }
        let first = (object["firstRequestAtMs"] as? NSNumber)?.doubleValue
        let last = (object["lastRequestAtMs"] as? NSNumber)?.doubleValue
        return ServerWindow(
            issued: (totals["issued"] as? NSNumber)?.intValue ?? 0,
            seconds: first.flatMap { first in last.map { ($0 - first) / 1000 } } ?? .nan,
            requests: (object["requests"] as? NSNumber)?.intValue ?? 0)
    }

    private static func tokentopCheck(_ tokentop: String, profiles: String, workspace: BenchWorkspace, expected: Int)
        throws -> Run
    {
        let start = ContinuousClock.now
        let process = try PtyProcess(
            label: "tokentop check", executable: tokentop,
            arguments: [
                "check", "--config", profiles, "--concurrency", "\(concurrency)", "--json", "--log",
                workspace.path("results.jsonl"),
            ],
            environment: workspace.environment, capture: true)
        guard process.wait(limit: .seconds(600)), let exit = process.exit else {
            process.stop()
            throw BenchError("tokentop check did not finish within 600 s")
        }
        let seconds = (ContinuousClock.now - start).inSeconds
        let text = String(decoding: process.captured, as: UTF8.self)
        guard let open = text.firstIndex(of: "["), let close = text.lastIndex(of: "]"),
            let array = try? JSONSerialization.jsonObject(with: Data(text[open...close].utf8)) as? [[String: Any]]
        else { throw BenchError("tokentop check printed no JSON array (\(exit.description))") }
        let tokens = array.filter { ($0["ok"] as? Bool) == true }.count
        let latencies = array.compactMap { ($0["latencyMs"] as? NSNumber)?.doubleValue }
        return Run(
            seconds: seconds, tokens: tokens, latenciesMs: latencies, peakRSSMiB: Double(exit.maxRSSKiB) / 1024,
            cpuSeconds: exit.cpuSeconds)
    }

    private static func curlParallel(_ curl: String, config: String, workspace: BenchWorkspace, expected: Int) throws
        -> Run
    {
        let start = ContinuousClock.now
        let process = try PtyProcess(
            label: "curl", executable: curl,
            arguments: [
                "--silent", "--no-progress-meter", "--parallel", "--parallel-max", "\(concurrency)", "--config", config,
            ],
            environment: workspace.environment, capture: true)
        guard process.wait(limit: .seconds(600)), let exit = process.exit else {
            process.stop()
            throw BenchError("curl did not finish within 600 s")
        }
        let seconds = (ContinuousClock.now - start).inSeconds
        var tokens = 0
        var latencies: [Double] = []
        for line in String(decoding: process.captured, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let total = Double(fields[1]) else { continue }
            if fields[0] == "200" { tokens += 1 }
            latencies.append(total * 1000)
        }
        guard !latencies.isEmpty else { throw BenchError("curl reported no transfers (\(exit.description))") }
        return Run(
            seconds: seconds, tokens: tokens, latenciesMs: latencies, peakRSSMiB: Double(exit.maxRSSKiB) / 1024,
            cpuSeconds: exit.cpuSeconds)
    }

    /// The same requests tokentop sends (POST JSON with accessKey and secretKey), one block each.
    private static func curlConfigFile(count: Int, baseURL: String, in workspace: BenchWorkspace) throws -> String {
        var text = ""
        text.reserveCapacity(count * 300)
        for index in 1...max(1, count) {
            // `next` separates transfers; one after the last would start an empty one.
            if index > 1 { text += "next\n" }
            let body =
                "{\\\"accessKey\\\":\\\"\(BenchWorkspace.accessKey(index))\\\",\\\"secretKey\\\":\\\"\(BenchWorkspace.secretKey(index))\\\"}"
            text += """
                url = "\(baseURL)/api/v0/merchant/token"
                header = "Content-Type: application/json"
                header = "Accept: application/json"
                data = "\(body)"
                output = "/dev/null"
                write-out = "%{http_code} %{time_total}\\n"

                """
        }
        let file = workspace.path("curl.config")
        try workspace.write(text, to: file)
        return file
    }
}
