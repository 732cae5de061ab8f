import Foundation
import TokenModel

/// The seam between the token client and the network: one POST, one answer.
public protocol TokenTransport: Sendable {
    /// Sends `body` to `url`, through `proxy` when one is given (nil: straight to the host);
    /// answers within `timeout` (connect, head and body together) or throws.
    func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer?)
        async throws(TransportError) -> TransportResponse
}
