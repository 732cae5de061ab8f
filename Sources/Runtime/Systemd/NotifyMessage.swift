/// One message to the service manager, as `sd_notify(3)` defines it: newline-separated
/// `KEY=VALUE` assignments in one datagram. `STATUS=` text is free-form but single-line: control
/// characters become spaces, and it is cut to 200 characters.
public enum NotifyMessage: Sendable, Equatable {
    /// Start-up (or a reload) is complete.
    case ready(status: String?)
    /// A reload begins; `monotonicMicroseconds` is `CLOCK_MONOTONIC` when it began (systemd wants
    /// it with `RELOADING=1` to tell this reload from an earlier one).
    case reloading(monotonicMicroseconds: UInt64, status: String?)
    /// The orderly stop begins.
    case stopping(status: String?)
    /// Still alive (sent every half of `WatchdogSec`).
    case watchdog
    /// Only a new status line.
    case status(String)

    /// The datagram's text.
    public var text: String {
        switch self {
        case .ready(let status): Self.join(["READY=1"], status)
        case .reloading(let microseconds, let status):
            Self.join(["RELOADING=1", "MONOTONIC_USEC=\(microseconds)"], status)
        case .stopping(let status): Self.join(["STOPPING=1"], status)
        case .watchdog: "WATCHDOG=1"
        case .status(let status): Self.join([], status)
        }
    }

    private static func join(_ fields: [String], _ status: String?) -> String {
        var lines = fields
        if let status { lines.append("STATUS=" + statusLine(status)) }
        return lines.joined(separator: "\n")
    }

    /// `text` on one line: every control character (newlines included) a space, at most 200 characters.
    static func statusLine(_ text: String) -> String {
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control ? " " : scalar
                }))
        return flat.count > 200 ? String(flat.prefix(199)) + "…" : flat
    }
}
