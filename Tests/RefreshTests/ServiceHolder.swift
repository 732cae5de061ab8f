import Synchronization

@testable import Refresh

/// The service a transport can reach, set once it exists (the transport is made first).
final class ServiceHolder: Sendable {
    private let held = Mutex<AuthService?>(nil)
    var service: AuthService? {
        get { held.withLock { $0 } }
        set { held.withLock { $0 = newValue } }
    }
}
