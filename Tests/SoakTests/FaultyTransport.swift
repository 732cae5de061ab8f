import EnKashClient
import Foundation
import SeededRandomness
import Synchronization
import TestFixtures
import TokenModel

/// A token server with the fault soak's mix, on the test clock: latency 0-2 s, then 10% hang
/// until the client's timeout, 5% 429 with `Retry-After`, 30% 5xx, 5% malformed 200s, the rest
/// a token living the key's lifetime. Seeded, so a run is reproducible. Counts per access key
/// like the sandbox's `/_sandbox/stats`.
final class FaultyTransport: TokenTransport {
    struct Counts: Sendable {
        var requests = 0
        var issued = 0
        var failed = 0
        var hung = 0
        var malformed = 0
        var rateLimited = 0
    }

    static let retryAfterSeconds = 3

    private struct State {
        var random: SeededRandom
        var counts: [String: Counts] = [:]
        var answered = 0
    }

    private let state: Mutex<State>
    private let time: TimeSource
    private let lifetimes: [String: Duration]

    init(time: TimeSource, lifetimes: [String: Duration], seed: UInt64) {
        self.time = time
        self.lifetimes = lifetimes
        state = Mutex(State(random: SeededRandom(seed: seed)))
    }

    var counts: [String: Counts] { state.withLock { $0.counts } }
    /// Requests answered or timed out (not cancelled): each owes the service one finished attempt.
    var answered: Int { state.withLock { $0.answered } }

    func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer?)
        async throws(TransportError)
        -> TransportResponse
    {
        let key = ScriptedTransport.accessKey(in: body)
        let (latency, roll) = state.withLock { state in
            state.counts[key, default: Counts()].requests += 1
            return (Duration.milliseconds(Int64(state.random.nextUnit() * 2000)), state.random.nextUnit())
        }
        do { try await time.sleep(latency) } catch { throw .connection("cancelled") }
        switch roll {
        case ..<0.10:
            state.withLock { $0.counts[key, default: Counts()].hung += 1 }
            do { try await time.sleep(timeout - latency) } catch { throw .connection("cancelled") }
            state.withLock { $0.answered += 1 }
            throw .timedOut(timeout)
        case ..<0.15:
            count(key) { $0.rateLimited += 1 }
            return TransportResponse(
                status: 429, headers: [HeaderField(name: "Retry-After", value: "\(Self.retryAfterSeconds)")],
                body: Array("{\"resultCode\":1029,\"resultMessage\":\"Too many requests\"}".utf8))
        case ..<0.45:
            count(key) { $0.failed += 1 }
            return ScriptedTransport.status(
                503, body: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
        case ..<0.50:
            count(key) { $0.malformed += 1 }
            return ScriptedTransport.status(200, body: "{\"token\":\"abc\",\"expi")
        default:
            count(key) { $0.issued += 1 }
            let lifetime = lifetimes[key] ?? .seconds(60)
            return ScriptedTransport.success(token: "\(key)-\(UUID().uuidString)", now: time.now(), lifetime: lifetime)
        }
    }

    /// Counts an answer given now.
    private func count(_ key: String, _ change: (inout Counts) -> Void) {
        state.withLock {
            change(&$0.counts[key, default: Counts()])
            $0.answered += 1
        }
    }
}
