import AsyncHTTPClient
import Foundation
import Sandbox
import Testing

@Suite("Scripted faults")
struct FaultTests {
    @Test("failRate 1.0 answers 500/502/503, with JSON or HTML bodies, never a token")
    func failures() async throws {
        try await withSandbox([credential("AK-fail-0001") { $0.failRate = 1 }]) { server in
            var contentTypes = Set<String>()
            for _ in 0..<12 {
                let reply = try await server.requestToken("AK-fail-0001", "secret-AK-fail-0001")
                #expect([500, 502, 503].contains(reply.status))
                #expect(!reply.text.contains("token\""))
                contentTypes.insert(reply.header("Content-Type") ?? "")
            }
            #expect(contentTypes == ["application/json", "text/html"])
        }
    }

    @Test("rateLimitRate 1.0 answers 429 with Retry-After in whole seconds")
    func rateLimited() async throws {
        let limited = credential("AK-rate-0002") {
            $0.rateLimitRate = 1
            $0.retryAfter = .milliseconds(7500)
        }
        try await withSandbox([limited]) { server in
            let reply = try await server.requestToken("AK-rate-0002", "secret-AK-rate-0002")
            #expect(reply.status == 429)
            #expect(reply.header("Retry-After") == "8")
            #expect(reply.json?["token"] == nil)
        }
    }

    @Test("malformedRate 1.0 answers 200 with a body that is not valid JSON")
    func malformed() async throws {
        try await withSandbox([credential("AK-mal-00003") { $0.malformedRate = 1 }]) { server in
            for _ in 0..<6 {
                let reply = try await server.requestToken("AK-mal-00003", "secret-AK-mal-00003")
                #expect(reply.status == 200)
                #expect((try? JSONSerialization.jsonObject(with: reply.body)) == nil)
            }
        }
    }

    @Test("expiryInSeconds sends expiry in seconds since the epoch")
    func expiryInSeconds() async throws {
        let legacy = credential("AK-secs-0004") {
            $0.expiryInSeconds = true
            $0.lifetime = .seconds(240)
        }
        try await withSandbox([legacy]) { server in
            let now = Date().timeIntervalSince1970
            let reply = try await server.requestToken("AK-secs-0004", "secret-AK-secs-0004")
            let expiry = try #require((reply.json?["expiry"] as? NSNumber)?.doubleValue)
            #expect(abs(expiry - (now + 240)) < 3)
        }
    }

    @Test("skew shifts the Date header and the now that expiry counts from", arguments: [90, -90])
    func skew(seconds: Int) async throws {
        let skewed = credential("AK-skew-0005") {
            $0.skew = .seconds(seconds)
            $0.lifetime = .seconds(60)
        }
        try await withSandbox([skewed]) { server in
            let now = Date()
            let reply = try await server.requestToken("AK-skew-0005", "secret-AK-skew-0005")
            let date = try #require(reply.header("Date").flatMap(parseHTTPDate))
            #expect(abs(date.timeIntervalSince(now) - Double(seconds)) < 3)
            let expiry = try #require((reply.json?["expiry"] as? NSNumber)?.doubleValue)
            #expect(abs(expiry / 1000 - (now.timeIntervalSince1970 + Double(seconds) + 60)) < 3)
        }
    }

    @Test("latency delays the answer by the configured amount")
    func latency() async throws {
        let slow = credential("AK-slow-0006") { $0.latency = SandboxLatency(.milliseconds(300) ... .milliseconds(400)) }
        try await withSandbox([slow]) { server in
            let clock = ContinuousClock()
            var reply: SandboxReply?
            let elapsed = try await clock.measure {
                reply = try await server.requestToken("AK-slow-0006", "secret-AK-slow-0006")
            }
            #expect(reply?.status == 200)
            #expect(elapsed >= .milliseconds(300))
            // Generous: a loaded 2-core CI machine stretches wall time; this only rules out a stuck answer.
            #expect(elapsed < .seconds(10))
        }
    }

    @Test("hangRate 1.0: the client's timeout fires, the hold ends when the client leaves, stop() is fast")
    func hang() async throws {
        let server = try await SandboxServer.start(
            port: 0, credentials: [credential("AK-hang-0007") { $0.hangRate = 1 }], seed: 1)
        let clock = ContinuousClock()

        // 1. The client gives up after 0.5 s; the server notices and lets go of the request.
        var failure: (any Error)?
        let waited = await clock.measure {
            do {
                _ = try await server.requestToken("AK-hang-0007", "secret-AK-hang-0007", timeout: .milliseconds(500))
            } catch {
                failure = error
            }
        }
        #expect(failure != nil)
        // The hang lasts 10 minutes: anything under 10 s means the client's 0.5 s timeout ended it.
        #expect(waited >= .milliseconds(450) && waited < .seconds(10))
        #expect(await eventually { await server.stats().held == 0 })

        // 2. Requests still hanging when the server stops: stop() returns promptly, clients see the drop.
        let clients = (0..<3).map { _ in
            Task { try await server.requestToken("AK-hang-0007", "secret-AK-hang-0007", timeout: .seconds(30)) }
        }
        #expect(await eventually { await server.stats().held == 3 })
        let stopping = await clock.measure { await server.stop() }
        // stop() gives graceful shutdown 1 s before cancelling; the bound leaves room for a loaded
        // machine and still fails if hung requests held shutdown up (they would for 10 min).
        #expect(stopping < .seconds(15))
        for client in clients {
            let dropped = await clock.measure { _ = try? await client.value }
            #expect(dropped < .seconds(15))
            await #expect(throws: (any Error).self) { try await client.value }
        }
        let stats = await server.stats()
        #expect(stats.accessKeys["AK-hang-0007"]?.hung == 4)
        #expect(stats.totals.issued == 0)
    }

    @Test("stop() is prompt while requests wait out a long latency")
    func stopDuringLatency() async throws {
        let server = try await SandboxServer.start(
            port: 0, credentials: [credential("AK-late-0008") { $0.latency = SandboxLatency(.seconds(60)) }])
        let client = Task {
            try await server.requestToken("AK-late-0008", "secret-AK-late-0008", timeout: .seconds(30))
        }
        #expect(await eventually { await server.stats().held == 1 })
        let stopping = await ContinuousClock().measure { await server.stop() }
        // The request waits out a 60 s latency; stop() must not (see hang() for the bound).
        #expect(stopping < .seconds(15))
        await #expect(throws: (any Error).self) { try await client.value }
    }
}
