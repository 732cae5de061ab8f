/// Durations as the bench prints and polls them.
extension Duration {
    var inSeconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }

    var wholeMilliseconds: Int64 { Int64((inSeconds * 1000).rounded(.up)) }
}
