import Foundation

/// Short texts for values the panes show.
enum ValueText {
    /// `85ms`, `1.2s`, `12s`.
    static func latency(_ duration: Duration) -> String {
        let ms = Int((duration.seconds * 1000).rounded())
        if ms < 1000 { return "\(max(0, ms))ms" }
        if ms < 10_000 { return "\(ms / 1000).\(ms % 1000 / 100)s" }
        return "\(ms / 1000)s"
    }

    /// `+0.4s`, `-2.0s`, `+1m05s`.
    static func skew(_ duration: Duration) -> String {
        let tenths = Int((duration.seconds * 10).rounded())
        let sign = tenths < 0 ? "-" : "+"
        let magnitude = abs(tenths)
        if magnitude < 600 { return "\(sign)\(magnitude / 10).\(magnitude % 10)s" }
        let seconds = magnitude / 10
        return "\(sign)\(seconds / 60)m\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)s"
    }

    /// A path cut from the left so its end (the file name) stays: `…/tokentop/profiles.yaml`.
    static func leftTruncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = DisplayWidth.sanitized(text)
        guard DisplayWidth.of(clean) > width else { return clean }
        var kept = ""
        var used = 1
        for character in clean.reversed() {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            kept.insert(character, at: kept.startIndex)
            used += w
        }
        return "…" + kept
    }
}
