import EnKashClient
import Foundation
import Synchronization
import TokenModel

/// A transport answering from a script, counting what it was sent. Optionally holds every
/// request until `release()` so tests can see requests in flight.
public final class ScriptedTransport: TokenTransport {
    public typealias Script = @Sendable (_ accessKey: String, _ call: Int) -> Result<TransportResponse, TransportError>

    private struct State {
        var calls: [String: Int] = [:]
        var inFlight = 0
        var maxInFlight = 0
        var held: [CheckedContinuation<Void, Never>] = []
        var holding = false
    }

    private let state = Mutex(State())
    private let script: Script

    public init(holding: Bool = false, script: @escaping Script) {
        self.script = script
        state.withLock { $0.holding = holding }
    }

    public func calls(_ accessKey: String) -> Int { state.withLock { $0.calls[accessKey, default: 0] } }
    public var totalCalls: Int { state.withLock { $0.calls.values.reduce(0, +) } }
    public var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    public var heldCount: Int { state.withLock { $0.held.count } }

    /// Lets every held request go, and stops holding new ones.
    public func release() {
        let held = state.withLock { state in
            state.holding = false
            defer { state.held.removeAll() }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }

    public func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer?)
        async throws(TransportError)
        -> TransportResponse
    {
        let accessKey = Self.accessKey(in: body)
        let call = state.withLock { state in
            state.calls[accessKey, default: 0] += 1
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.calls[accessKey, default: 0]
        }
        let mustHold = state.withLock { $0.holding }
        if mustHold {
            await withCheckedContinuation { continuation in
                let stillHolding = state.withLock { state in
                    if state.holding { state.held.append(continuation) }
                    return state.holding
                }
                if !stillHolding { continuation.resume() }
            }
        }
        state.withLock { $0.inFlight -= 1 }
        return try script(accessKey, call).get()
    }

    public static func accessKey(in body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return "" }
        return object["accessKey"] as? String ?? ""
    }

    /// A 200 answer with a token living `lifetime` from `now`.
    public static func success(token: String, now: Date, lifetime: Duration, date: Date? = nil) -> TransportResponse {
        let expiry = now.adding(lifetime).epochMilliseconds
        let body =
            "{\"token\":\"\(token)\",\"expiry\":\(expiry),\"resultCode\":0,\"resultMessage\":\"Token generated successfully.\"}"
        var headers = [HeaderField(name: "Content-Type", value: "application/json")]
        if let date { headers.append(HeaderField(name: "Date", value: HTTPDate.format(date))) }
        return TransportResponse(status: 200, headers: headers, body: Array(body.utf8))
    }

    public static func status(_ code: Int, body: String = "", headers: [HeaderField] = []) -> TransportResponse {
        TransportResponse(status: code, headers: headers, body: Array(body.utf8))
    }
}
