import Foundation

/// How `tokentop check` prints its results: an aligned table or a JSON array. Never a token.
public enum CheckReport {
    public static func table(_ results: [CheckResult], now: Date, timeZone: TimeZone = .current) -> String {
        let header = ["PROFILE", "OUTCOME", "HTTP", "CODE", "MESSAGE", "EXPIRES AT", "REMAINING", "FINGERPRINT"]
        var rows = [header]
        for result in results {
            let record = result.record
            let message = record.resultMessage ?? record.error ?? ""
            rows.append([
                result.name,
                record.outcome.rawValue,
                record.httpStatus.map(String.init) ?? "-",
                record.resultCode.map(\.description) ?? "-",
                truncate(message.replacingOccurrences(of: "\n", with: " "), to: 48),
                result.token.map { TimeText.clock($0.expiresAt, in: timeZone) } ?? "-",
                result.token.map { CountdownText.format(expiresAt: $0.expiresAt, now: now) } ?? "-",
                result.token?.fingerprint ?? "-",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let failed = results.filter { !$0.ok }
        lines.append("")
        lines.append(
            failed.isEmpty
                ? "\(results.count) of \(results.count) profiles got a token"
                : "\(results.count - failed.count) of \(results.count) profiles got a token; failed: "
                    + failed.map(\.name).joined(separator: ", "))
        for result in failed where result.record.error != nil {
            lines.append("  \(result.name): \(result.record.error ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ results: [CheckResult], now: Date) -> String {
        // One string, grown in place: an array of 10,000 object strings joined at the end held
        // the report twice at the very end of `tokentop check`, where its memory peaked.
        var out = "[\n"
        out.reserveCapacity(results.count * 400 + 4)
        for (position, result) in results.enumerated() {
            let record = result.record
            let remaining = result.token.map { Int($0.expiresAt.timeIntervalSince(now).rounded(.down)) }
            out += position > 0 ? ",\n  {" : "  {"
            // Each field appended in place (an array of key/value strings per result before).
            var first = true
            func field(_ key: StaticString, _ value: String) {
                if !first { out += ", " }
                first = false
                out += "\""
                out += key.description
                out += "\": "
                out += value
            }
            field("profile", JSONText.quote(result.name))
            field("ok", result.ok ? "true" : "false")
            field("outcome", JSONText.quote(record.outcome.rawValue))
            field("httpStatus", record.httpStatus.map(String.init) ?? "null")
            field("resultCode", record.resultCode.map(jsonCode) ?? "null")
            field("resultMessage", record.resultMessage.map(JSONText.quote) ?? "null")
            field("expiry", record.expiryMs.map(String.init) ?? "null")
            field("expiresAt", result.token.map { JSONText.quote(ISOTime.format($0.expiresAt)) } ?? "null")
            field("remainingSeconds", remaining.map(String.init) ?? "null")
            field("tokenFingerprint", record.tokenFingerprint.map(JSONText.quote) ?? "null")
            field("latencyMs", String(Int((record.latency.seconds * 1000).rounded())))
            field("error", record.error.map(JSONText.quote) ?? "null")
            out += "}"
        }
        out += "\n]\n"
        return out
    }

    private static func jsonCode(_ code: ResultCode) -> String {
        switch code {
        case .number(let value): String(value)
        case .text(let value): JSONText.quote(value)
        }
    }

    private static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
