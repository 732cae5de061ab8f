import Foundation

/// Where the auth service reads the time and how it waits: injected so tests drive a test clock
/// and never sleep for real.
///
/// `now` is wall-clock time (token expiries are wall-clock instants); `sleep` waits on a
/// monotonic clock. `driven(by:)` derives both from one `Clock`, so advancing a test clock moves
/// the wall clock by the same amount.
public struct TimeSource: Sendable {
    public let now: @Sendable () -> Date
    public let sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The real wall clock, sleeping on `ContinuousClock`.
    public static let system = TimeSource(
        now: { Date() },
        sleep: { duration in try await ContinuousClock().sleep(for: duration) }
    )

    /// A time source whose wall clock starts at `origin` and moves with `clock`.
    public static func driven<C: Clock>(by clock: C, origin: Date) -> TimeSource where C.Duration == Duration {
        let start = clock.now
        return TimeSource(
            now: { origin.addingTimeInterval(start.duration(to: clock.now).seconds) },
            sleep: { duration in try await clock.sleep(for: duration) }
        )
    }
}

extension Date {
    /// Milliseconds since the UNIX epoch.
    public var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(epochMilliseconds ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }

    public func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.seconds) }

    /// `self - other` as a Duration.
    public func duration(since other: Date) -> Duration { .seconds(double: timeIntervalSince(other)) }
}
