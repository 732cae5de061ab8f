import Foundation

/// The refresher answers a manual refresh within 5 s after a profile's last attempt with that
/// attempt (`RefreshPolicy.manualRefreshInterval`). A test that means one manual refresh to
/// send one request waits until the window since the attempts it saw has passed.
enum ManualRefreshWindow {
    static let seconds: TimeInterval = 5

    /// Returns once `seconds` (and a margin) have passed since `since`.
    static func waitPast(since: Date) async throws {
        let remaining = since.addingTimeInterval(seconds + 0.5).timeIntervalSinceNow
        if remaining > 0 { try await Task.sleep(for: .seconds(remaining)) }
    }
}
