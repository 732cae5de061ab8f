import Foundation
import Sandbox
import Testing

@Suite("Seeded runs")
struct ReproducibilityTests {
    static let mixed = credential("AK-seed-0001") {
        $0.failRate = 0.3
        $0.rateLimitRate = 0.2
        $0.malformedRate = 0.3
    }

    /// Status and body of 30 sequential requests.
    static func run(seed: UInt64) async throws -> [String] {
        try await withSandbox([mixed], seed: seed) { server in
            var answers: [String] = []
            for _ in 0..<30 {
                let reply = try await server.requestToken("AK-seed-0001", "secret-AK-seed-0001")
                // Expiry depends on the clock, so keep only the token of a success.
                let token = reply.json?["token"] as? String
                answers.append("\(reply.status) \(token ?? reply.text)")
            }
            return answers
        }
    }

    @Test("the same seed gives the same answers and tokens; another seed does not")
    func reproducible() async throws {
        let first = try await Self.run(seed: 7)
        let again = try await Self.run(seed: 7)
        let other = try await Self.run(seed: 8)
        #expect(first == again)
        #expect(first != other)
        let statuses = Set(first.map { $0.prefix(3) })
        #expect(statuses.isSuperset(of: ["200", "429"]))  // the mix really is mixed
    }
}
