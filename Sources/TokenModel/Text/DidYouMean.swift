/// Suggests the known word closest to a mistyped one (`secretkey` → `secretKey`).
public enum DidYouMean {
    /// The candidate nearest to `word`, or nil when none is close enough to be a plausible typo.
    public static func suggest(_ word: String, from candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let sameLetters = candidates.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        let scored = candidates.map { (candidate: $0, distance: distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let allowed = max(1, min(3, lowered.count / 3))
        return best.distance <= allowed ? best.candidate : nil
    }

    /// ` (did you mean 'x'?)` or an empty string.
    public static func clause(_ word: String, from candidates: [String]) -> String {
        suggest(word, from: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance over characters where swapping two neighbours counts as one edit, like an
    /// insertion, a deletion or a substitution (optimal string alignment): `evn` is one slip
    /// from `env`, not two.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
