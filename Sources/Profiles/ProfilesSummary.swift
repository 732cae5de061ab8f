import TokenModel

/// The text `tokentop validate` prints for a good profiles file. Shows masked access keys, never secrets.
public enum ProfilesSummary {
    /// `profiles.yaml: 3 profiles OK (2 enabled), secrets resolved`
    public static func headline(_ set: ProfileSet) -> String {
        let count = set.profiles.count
        let enabled = set.profiles.count(where: \.enabled)
        return "\(set.source): \(count) profile\(count == 1 ? "" : "s") OK (\(enabled) enabled), secrets resolved"
    }

    /// One aligned line per profile: name, merchant, environment, host, proxy (`host:port` or
    /// `direct`), masked access key, enabled; control characters escaped (`TerminalText`).
    public static func rows(_ set: ProfileSet) -> [String] {
        let header = ["NAME", "MERCHANT", "ENVIRONMENT", "HOST", "PROXY", "ACCESS KEY", "ENABLED"]
        let table =
            [header]
            + set.profiles.map { profile -> [String] in
                let cells: [String] = [
                    profile.name, profile.merchant, profile.environment ?? "custom", profile.hostLabel,
                    profile.proxy?.label ?? "direct", profile.maskedAccessKey, profile.enabled ? "yes" : "no",
                ]
                return cells.map(TerminalText.escaped)
            }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
