/// "Every request the sandbox received has exactly one result-log line": per profile, the
/// sandbox's request count against the daemon's lines for that profile.
public struct LineAccounting: Sendable, Equatable {
    /// Requests the sandbox counted but no line records (summed over profiles).
    public var lost = 0
    /// Lines with no request behind them at the sandbox (e.g. a connection refused): not lost,
    /// but reported.
    public var extra = 0
    /// Profiles whose counts differ, as `name: sandbox N, log M`.
    public var mismatches: [String] = []

    /// - Parameters:
    ///   - sandboxRequests: requests the sandbox received, by profile.
    ///   - logLines: result-log lines, by profile.
    public init(sandboxRequests: [String: Int], logLines: [String: Int]) {
        for name in Set(sandboxRequests.keys).union(logLines.keys).sorted() {
            let received = sandboxRequests[name] ?? 0
            let logged = logLines[name] ?? 0
            if received == logged { continue }
            lost += max(0, received - logged)
            extra += max(0, logged - received)
            mismatches.append("\(name): sandbox \(received), log \(logged)")
        }
    }

    public var passed: Bool { lost == 0 && extra == 0 }
}
