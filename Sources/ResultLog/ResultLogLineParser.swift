import Foundation
import TokenModel

/// Reads one result-log line ("Result log" in the catalog's RunningForReal.md, as `ResultLogEntry` writes it) back into the
/// attempt it records. Pure. A line that is not a JSON object with the fields every line has
/// (`ts`, `profile`, `outcome`, `trigger`, `latencyMs`, `attempt`) is not an attempt: nil. Only
/// known fields are read, so nothing else a foreign line holds is ever carried on. A line ending
/// in CR LF (a log copied through a Windows tool) reads as the line without its CR.
public enum ResultLogLineParser {
    public static func record(from line: some Collection<UInt8>) -> AttemptRecord? {
        var bytes = Array(line)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.first == UInt8(ascii: "{"), case .object(let fields)? = JSONParser.parse(bytes) else { return nil }
        guard case .string(let profile)? = fields["profile"], !profile.isEmpty,
            let finishedAt = date(fields["ts"]),
            case .string(let outcomeText)? = fields["outcome"], let outcome = AttemptOutcome(rawValue: outcomeText),
            case .string(let triggerText)? = fields["trigger"], let trigger = AttemptTrigger(rawValue: triggerText),
            case .integer(let latencyMs)? = fields["latencyMs"], latencyMs >= 0,
            case .integer(let attempt)? = fields["attempt"], let attemptNumber = Int(exactly: attempt)
        else { return nil }
        let latency = Duration.milliseconds(latencyMs)
        let expiryMs = integer(fields["expiry"])
        var record = AttemptRecord(
            profile: profile, trigger: trigger, startedAt: finishedAt.addingTimeInterval(-Double(latencyMs) / 1000),
            latency: latency, httpStatus: integer(fields["httpStatus"]).flatMap { Int(exactly: $0) },
            resultCode: code(fields["resultCode"]), resultMessage: text(fields["resultMessage"]), outcome: outcome,
            error: text(fields["error"]), expiryRaw: integer(fields["expiryRaw"]) ?? expiryMs, expiryMs: expiryMs,
            expiresAt: date(fields["expiresAt"]), tokenFingerprint: text(fields["tokenFingerprint"]),
            skew: integer(fields["skewMs"]).map { .milliseconds($0) }, notes: notes(fields["notes"]))
        record.attempt = attemptNumber
        return record
    }

    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private static func integer(_ value: JSONValue?) -> Int64? {
        if case .integer(let number)? = value { return number }
        return nil
    }

    private static func date(_ value: JSONValue?) -> Date? {
        text(value).flatMap(ISOTime.parse)
    }

    private static func code(_ value: JSONValue?) -> ResultCode? {
        switch value {
        case .integer(let number)?: .number(number)
        case .string(let text)?: .text(text)
        default: nil
        }
    }

    private static func notes(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap(text)
    }
}
