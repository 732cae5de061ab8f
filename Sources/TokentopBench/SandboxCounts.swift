import Foundation

/// `GET /_sandbox/stats` read back: per profile what the sandbox received, and totals by outcome.
struct SandboxCounts {
    var requests: [String: Int] = [:]
    var issued: [String: Int] = [:]
    /// Totals over every key: requests, issued, failed (5xx), hung, malformed, rateLimited, ...
    var totals: [String: Int] = [:]

    init(json: String, profileByAccessKey: [String: String]) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let keys = object["accessKeys"] as? [String: [String: Any]],
            let totals = object["totals"] as? [String: Any]
        else { throw BenchError("GET /_sandbox/stats answered something else: \(json.prefix(200))") }
        for (key, value) in totals { self.totals[key] = (value as? NSNumber)?.intValue }
        for (key, counts) in keys {
            let profile = profileByAccessKey[key] ?? "unknown key \(key)"
            requests[profile] = (counts["requests"] as? NSNumber)?.intValue ?? 0
            issued[profile] = (counts["issued"] as? NSNumber)?.intValue ?? 0
        }
    }

    func total(_ name: String) -> Int { totals[name] ?? 0 }
}
