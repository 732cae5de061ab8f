import Dashboard
import Sandbox
import TokenModel

/// `tokentop sandbox --list`: the merchants that would be served, access keys masked, control
/// characters from a credentials file escaped.
enum SandboxListing {
    static func lines(_ served: [SandboxCredential], demo: Bool, defaultLifetime: Duration) -> [String] {
        var rows: [[String]] = [[demo ? "PROFILE" : "MERCHANT", "ACCESS KEY", "BEHAVIOUR"]]
        if demo {
            for entry in DemoMerchants.entries {
                let credential = entry.credential
                rows.append([
                    entry.name, Profile.mask(credential.accessKey),
                    "\(entry.story) — \(credential.behaviourSummary(defaultLifetime: defaultLifetime))",
                ])
            }
        } else {
            for credential in served {
                rows.append([
                    credential.merchant ?? "-", Profile.mask(credential.accessKey),
                    credential.behaviourSummary(defaultLifetime: defaultLifetime),
                ])
            }
        }
        rows = rows.map { $0.map(TerminalText.escaped) }
        // Padded by terminal columns (wide characters take two).
        let widths = (0..<2).map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return rows.map { row in
            let padded = (0..<2).map {
                row[$0] + String(repeating: " ", count: max(0, widths[$0] - DisplayWidth.of(row[$0])))
            }
            return (padded + [row[2]]).joined(separator: "  ")
        }
    }
}
