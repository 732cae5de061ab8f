/// Reads `tokentop_profile_state{profile="p",state="s"} 1` lines out of the daemon's Prometheus
/// text: the current state of each profile.
public enum MetricsText {
    public static func states(in text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("tokentop_profile_state{") {
            guard let close = line.lastIndex(of: "}"),
                Double(line[line.index(after: close)...].split(separator: " ").first ?? "") == 1
            else { continue }
            let labels = line[line.index(line.startIndex, offsetBy: "tokentop_profile_state{".count)..<close]
            guard let profile = label("profile", in: labels), let state = label("state", in: labels) else { continue }
            result[profile] = state
        }
        return result
    }

    /// The value of `name="..."` (profile names are `[A-Za-z0-9._-]`, so no escapes to undo).
    static func label(_ name: String, in labels: Substring) -> String? {
        guard let start = labels.range(of: name + "=\"") else { return nil }
        let rest = labels[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
