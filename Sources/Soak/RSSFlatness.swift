/// "RSS flat (start vs end)": the daemon's resident set at the end may exceed the one measured
/// after warm-up by at most 10% plus 4 MiB (allocator slack, a few more log buffers).
public struct RSSFlatness: Sendable, Equatable {
    public static let allowedGrowthFraction = 0.10
    public static let allowedGrowthKiB = 4 * 1024

    public var startKiB: Int
    public var endKiB: Int
    public var maxKiB: Int

    public init(startKiB: Int, endKiB: Int, maxKiB: Int) {
        self.startKiB = startKiB
        self.endKiB = endKiB
        self.maxKiB = maxKiB
    }

    public var limitKiB: Int { Int(Double(startKiB) * (1 + Self.allowedGrowthFraction)) + Self.allowedGrowthKiB }
    public var passed: Bool { startKiB > 0 && endKiB > 0 && endKiB <= limitKiB }
    public static let rule = "end <= start x 1.10 + 4 MiB"
}
