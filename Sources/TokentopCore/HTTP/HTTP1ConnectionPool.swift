import NIOConcurrencyHelpers
import NIOCore

/// Idle keep-alive connections by origin, newest reused first. A connection is in the pool only
/// while no request uses it; one request at a time owns it.
final class HTTP1ConnectionPool: Sendable {
    private let idle = NIOLockedValueBox<[HTTPEndpoint.Origin: [HTTP1Connection]]>([:])
    private let maxIdlePerOrigin: Int

    init(maxIdlePerOrigin: Int) {
        self.maxIdlePerOrigin = max(1, maxIdlePerOrigin)
    }

    /// An open idle connection to `origin`, if there is one; closed ones found on the way are dropped.
    func take(_ origin: HTTPEndpoint.Origin) -> HTTP1Connection? {
        idle.withLockedValue { idle in
            while let connection = idle[origin]?.popLast() {
                if connection.channel.isActive { return connection }
            }
            return nil
        }
    }

    /// Keeps `connection` for the next request, or closes it when enough are kept already.
    func put(_ connection: HTTP1Connection) {
        let kept = idle.withLockedValue { idle -> Bool in
            if idle[connection.origin, default: []].count >= maxIdlePerOrigin {
                idle[connection.origin, default: []].removeAll { !$0.channel.isActive }
            }
            guard idle[connection.origin, default: []].count < maxIdlePerOrigin else { return false }
            idle[connection.origin, default: []].append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    /// Takes every idle connection out (to close them at shutdown).
    func drain() -> [HTTP1Connection] {
        idle.withLockedValue { idle in
            let all = idle.values.flatMap { $0 }
            idle.removeAll()
            return all
        }
    }
}
