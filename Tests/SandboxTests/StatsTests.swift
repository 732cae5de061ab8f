import Foundation
import Sandbox
import Testing

@Suite("Stats")
struct StatsTests {
    @Test("stats count every outcome per access key, and /_sandbox/stats serves the same data")
    func counts() async throws {
        let credentials = [
            credential("AK-stats-001") { $0.lockAfter = 1 },
            credential("AK-stats-002") { $0.rateLimitRate = 1 },
            credential("AK-stats-003") { $0.failRate = 1 },
            credential("AK-stats-004") { $0.malformedRate = 1 },
        ]
        try await withSandbox(credentials) { server in
            _ = try await server.requestToken("AK-stats-001", "secret-AK-stats-001")  // issued
            _ = try await server.requestToken("AK-stats-001", "wrong")  // rejected, locks
            _ = try await server.requestToken("AK-stats-001", "secret-AK-stats-001")  // locked
            _ = try await server.requestToken("AK-stats-002", "secret-AK-stats-002")  // rateLimited
            _ = try await server.requestToken("AK-stats-003", "secret-AK-stats-003")  // failed
            _ = try await server.requestToken("AK-stats-004", "secret-AK-stats-004")  // malformed
            _ = try await server.requestToken("AK-unknown-9", "x")  // rejected (unknown key)
            _ = try await server.postToken(rawBody: "{\"accessKey\": \"AK-stats-003\"}")  // badRequest, keyed
            _ = try await server.postToken(rawBody: "nonsense")  // badRequest, no key

            let stats = await server.stats()
            #expect(stats.requests == 9)
            #expect(stats.held == 0)
            var first = SandboxKeyStats()
            (first.requests, first.issued, first.rejected, first.locked) = (3, 1, 1, 1)
            #expect(stats.accessKeys["AK-stats-001"] == first)
            #expect(stats.accessKeys["AK-stats-002"]?.rateLimited == 1)
            #expect(stats.accessKeys["AK-stats-003"]?.failed == 1)
            #expect(stats.accessKeys["AK-stats-003"]?.badRequest == 1)
            #expect(stats.accessKeys["AK-stats-003"]?.requests == 2)
            #expect(stats.accessKeys["AK-stats-004"]?.malformed == 1)
            #expect(stats.accessKeys["AK-unknown-9"]?.rejected == 1)
            #expect(stats.totals.requests == 9)
            #expect(stats.totals.badRequest == 2)
            #expect(stats.totals.rejected == 2)

            let reply = try await server.get("/_sandbox/stats")
            #expect(reply.status == 200)
            #expect(try JSONDecoder().decode(SandboxStats.self, from: reply.body) == stats)
            #expect(!reply.text.contains("secret"))
        }
    }

    @Test("the stats hold the first and last request's time, and DELETE /_sandbox/stats starts them afresh")
    func requestWindowAndReset() async throws {
        try await withSandbox([credential("AK-window-1")]) { server in
            #expect(await server.stats().firstRequestAtMs == nil, "no request yet")
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            _ = try await server.requestToken("AK-window-1", "secret-AK-window-1")
            _ = try await server.requestToken("AK-window-1", "wrong")
            let after = Int64(Date().timeIntervalSince1970 * 1000)
            let stats = await server.stats()
            let first = try #require(stats.firstRequestAtMs)
            let last = try #require(stats.lastRequestAtMs)
            #expect(before <= first && first <= last && last <= after, "\(before) \(first) \(last) \(after)")

            let reply = try await server.delete("/_sandbox/stats")
            #expect(reply.status == 200)
            let fresh = try JSONDecoder().decode(SandboxStats.self, from: reply.body)
            #expect(fresh.requests == 0)
            #expect(fresh.firstRequestAtMs == nil && fresh.lastRequestAtMs == nil)
            #expect(fresh.accessKeys["AK-window-1"] == SandboxKeyStats(), "known keys stay, at zero")
            #expect(fresh.totals == SandboxKeyStats())

            _ = try await server.requestToken("AK-window-1", "secret-AK-window-1")
            let again = await server.stats()
            #expect(again.requests == 1)
            #expect(again.accessKeys["AK-window-1"]?.issued == 1)
            #expect((again.firstRequestAtMs ?? 0) >= last)
        }
    }
}
