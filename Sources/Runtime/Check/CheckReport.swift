import Dashboard
import Foundation
import TokenModel

/// How `tokentop check` prints its results: an aligned table or a JSON array. Never a token.
/// Every cell of the table is escaped (`TerminalText`): a server's message cannot drive the terminal.
public enum CheckReport {
    public static func table(_ results: [CheckResult], now: Date, timeZone: TimeZone = .current) -> String {
        let header = [
            "PROFILE", "OUTCOME", "HTTP", "CODE", "MESSAGE", "EXPIRES AT", "REMAINING", "PROXY", "FINGERPRINT",
        ]
        var rows = [header]
        for result in results {
            let record = result.record
            let message = record.serverMessage ?? record.error ?? ""
            rows.append(
                [
                    result.name,
                    record.outcome.rawValue,
                    record.httpStatus.map(String.init) ?? "-",
                    record.resultCode.map(\.description) ?? "-",
                    truncate(message, to: 48),
                    result.token.map { TimeText.clock($0.expiresAt, in: timeZone) } ?? "-",
                    result.token.map { CountdownText.format(expiresAt: $0.expiresAt, now: now) } ?? "-",
                    result.proxy ?? "direct",
                    result.token?.fingerprint ?? "-",
                ].map(TerminalText.escaped))
        }
        let widths = header.indices.map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                // Padded by terminal columns: a wide character (CJK, most emoji) takes two, a
                // combining mark none (`padding(toLength:)` counts UTF-16 units and cuts them).
                column == row.count - 1
                    ? cell : cell + String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(cell)))
            }.joined(separator: "  ")
        }
        let failed = results.filter { !$0.ok }
        lines.append("")
        lines.append(
            failed.isEmpty
                ? "\(results.count) of \(results.count) profiles got a token"
                : "\(results.count - failed.count) of \(results.count) profiles got a token; failed: "
                    + failed.map(\.name).joined(separator: ", "))
        for result in failed {
            lines.append("  " + TerminalText.escaped("\(result.name): \(result.record.summary())"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ results: [CheckResult], now: Date) -> String {
        String(decoding: jsonBytes(results, now: now), as: UTF8.self)
    }

    /// The JSON array as bytes, written field by field into one buffer (`JSONBytes`): no string
    /// per field, so a large report costs one buffer.
    public static func jsonBytes(_ results: [CheckResult], now: Date) -> [UInt8] {
        var out = JSONBytes(capacity: results.count * 340 + 8)
        out.raw("[\n")
        for (position, result) in results.enumerated() {
            out.raw(position > 0 ? ",\n  {\"profile\": " : "  {\"profile\": ")
            let record = result.record
            out.string(result.name)
            out.raw(", \"ok\": ")
            out.bool(result.ok)
            out.raw(", \"outcome\": ")
            out.string(record.outcome.rawValue)
            out.raw(", \"httpStatus\": ")
            out.int(record.httpStatus)
            out.raw(", \"resultCode\": ")
            out.code(record.resultCode)
            out.raw(", \"resultMessage\": ")
            out.string(record.resultMessage)
            out.raw(", \"expiry\": ")
            out.int(record.expiryMs)
            out.raw(", \"expiresAt\": ")
            out.string(result.token.map { ISOTime.format($0.expiresAt) })
            out.raw(", \"remainingSeconds\": ")
            out.int(result.token.map { Int($0.expiresAt.timeIntervalSince(now).rounded(.down)) })
            out.raw(", \"tokenFingerprint\": ")
            out.string(record.tokenFingerprint)
            out.raw(", \"latencyMs\": ")
            out.int(Int((record.latency.seconds * 1000).rounded()))
            out.raw(", \"error\": ")
            out.string(record.error)
            out.raw(", \"proxy\": ")
            out.string(result.proxy ?? "direct")
            out.raw("}")
        }
        out.raw("\n]\n")
        return out.bytes
    }

    private static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
