import NIOConcurrencyHelpers
import NIOCore

/// Idle keep-alive connections by origin, newest reused first. A connection is in the pool only
/// while no request uses it; one request at a time owns it.
final class HTTP1ConnectionPool: Sendable {
    private struct State {
        var idle: [HTTPEndpoint.Origin: [HTTP1Connection]] = [:]
        /// After shutdown a connection coming back from a late request is closed, not kept.
        var shutDown = false
    }

    private let state = NIOLockedValueBox(State())
    private let maxIdlePerOrigin: Int

    init(maxIdlePerOrigin: Int) {
        self.maxIdlePerOrigin = max(1, maxIdlePerOrigin)
    }

    /// An open idle connection to `origin`, if there is one; closed ones found on the way are dropped.
    func take(_ origin: HTTPEndpoint.Origin) -> HTTP1Connection? {
        state.withLockedValue { state in
            while let connection = state.idle[origin]?.popLast() {
                if connection.channel.isActive { return connection }
            }
            return nil
        }
    }

    /// Keeps `connection` for the next request, or closes it when enough are kept already.
    func put(_ connection: HTTP1Connection) {
        let kept = state.withLockedValue { state -> Bool in
            guard !state.shutDown else { return false }
            if state.idle[connection.origin, default: []].count >= maxIdlePerOrigin {
                state.idle[connection.origin, default: []].removeAll { !$0.channel.isActive }
            }
            guard state.idle[connection.origin, default: []].count < maxIdlePerOrigin else { return false }
            state.idle[connection.origin, default: []].append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    /// Open idle connections to `origin`.
    func idleCount(_ origin: HTTPEndpoint.Origin) -> Int {
        state.withLockedValue { $0.idle[origin, default: []].filter(\.channel.isActive).count }
    }

    /// Takes every idle connection out (to close them) and keeps none from now on.
    func shutDown() -> [HTTP1Connection] {
        state.withLockedValue { state in
            state.shutDown = true
            let all = state.idle.values.flatMap { $0 }
            state.idle.removeAll()
            return all
        }
    }
}
