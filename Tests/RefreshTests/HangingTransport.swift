import Foundation
import Synchronization

@testable import EnKashClient
@testable import TokenModel

/// A transport whose requests never answer until their task is cancelled (then they fail as a
/// connection error), so a test can stop the service with requests in flight.
final class HangingTransport: TokenTransport {
    private let state = Mutex((started: 0, cancelled: 0))

    var started: Int { state.withLock { $0.started } }
    var cancelled: Int { state.withLock { $0.cancelled } }

    func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer?)
        async throws(TransportError)
        -> TransportResponse
    {
        state.withLock { $0.started += 1 }
        // A real clock, but only as a stand-in for "forever": cancellation ends it.
        try? await Task.sleep(for: .seconds(3600))
        state.withLock { $0.cancelled += 1 }
        throw .connection("request cancelled")
    }
}
