/// min / median / max (and percentiles) of a set of samples.
struct Summary: Sendable {
    var sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    var isEmpty: Bool { sorted.isEmpty }
    var count: Int { sorted.count }
    var min: Double { sorted.first ?? .nan }
    var max: Double { sorted.last ?? .nan }
    var median: Double { percentile(50) }

    /// Nearest-rank percentile (p in 0...100); the median of an even count is the mean of the middle two.
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        if p == 50 {
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
