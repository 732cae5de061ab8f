import EnKashClient
import Foundation
import Refresh
import Sandbox
import Testing
import TokenModel

/// The real token client over real loopback HTTP against the in-process sandbox.
@Suite struct SandboxIntegrationTests {
    static let secret = SecretString("integration-secret-value")

    static func credential(_ key: String, _ configure: (inout SandboxCredential) -> Void = { _ in })
        -> SandboxCredential
    {
        var credential = SandboxCredential(accessKey: key, secretKey: secret, lifetime: .seconds(300))
        configure(&credential)
        return credential
    }

    static func profile(
        _ key: String, on server: SandboxServer, secret: SecretString = secret, timeout: Duration = .seconds(15)
    )
        -> Profile
    {
        Profile(
            name: key.lowercased(), merchant: key, baseURL: server.baseURL, accessKey: key, secretKey: secret,
            refresh: RefreshSettings(before: .seconds(120), timeout: timeout))
    }

    /// Runs `body` against a fresh sandbox and one shared HTTP transport, then shuts both down.
    static func withSandbox(
        _ credentials: [SandboxCredential], _ body: (SandboxServer, TokenClient) async throws -> Void
    ) async throws {
        let server = try await SandboxServer.start(credentials: credentials, seed: 7)
        let transport = HTTPTokenTransport()
        do {
            try await body(server, TokenClient(transport: transport))
        } catch {
            await transport.shutdown()
            await server.stop()
            throw error
        }
        await transport.shutdown()
        await server.stop()
    }

    @Test func success() async throws {
        try await Self.withSandbox([Self.credential("AK-OK")]) { server, client in
            let result = await client.fetch(Self.profile("AK-OK", on: server), trigger: .check)
            #expect(result.record.outcome == .success)
            #expect(result.record.httpStatus == 200)
            #expect(result.record.resultCode == .number(0))
            #expect(result.record.resultMessage == "Token generated successfully.")
            let remaining = try #require(result.token).expiresAt.timeIntervalSinceNow
            #expect(remaining > 290 && remaining <= 301)
            #expect(abs(result.record.skew?.seconds ?? 99) < 2)
            #expect(await server.stats().accessKeys["AK-OK"]?.issued == 1)
        }
    }

    @Test func wrongSecretIsRejected() async throws {
        try await Self.withSandbox([Self.credential("AK-W")]) { server, client in
            let result = await client.fetch(
                Self.profile("AK-W", on: server, secret: SecretString("not-it")), trigger: .check)
            #expect(result.record.outcome == .rejected)
            #expect(result.record.httpStatus == 401)
            #expect(result.record.resultCode != .number(0))
            #expect(result.token == nil)
        }
    }

    @Test func lockoutAfterRepeatedWrongSecrets() async throws {
        try await Self.withSandbox([Self.credential("AK-L") { $0.lockAfter = 2 }]) { server, client in
            let wrong = Self.profile("AK-L", on: server, secret: SecretString("nope"))
            for _ in 0..<2 { #expect(await client.fetch(wrong, trigger: .check).record.httpStatus == 401) }
            let right = await client.fetch(Self.profile("AK-L", on: server), trigger: .check)
            #expect(right.record.outcome == .rejected)
            #expect(right.record.httpStatus == 403)
            #expect(right.record.resultMessage?.lowercased().contains("locked") == true)
        }
    }

    @Test func serverErrorsThenSuccess() async throws {
        try await Self.withSandbox([Self.credential("AK-F") { $0.failRate = 0.5 }]) { server, client in
            var outcomes: [AttemptOutcome] = []
            for _ in 0..<30 {
                let result = await client.fetch(Self.profile("AK-F", on: server), trigger: .check)
                outcomes.append(result.record.outcome)
                if result.record.outcome == .transient {
                    #expect((500..<600).contains(result.record.httpStatus ?? 0))
                }
            }
            #expect(outcomes.contains(.transient))
            #expect(outcomes.contains(.success))
            #expect(!outcomes.contains(.rejected))
        }
    }

    @Test func hangEndsInTimeout() async throws {
        try await Self.withSandbox([Self.credential("AK-H") { $0.hangRate = 1 }]) { server, client in
            let started = ContinuousClock.now
            let result = await client.fetch(
                Self.profile("AK-H", on: server, timeout: .milliseconds(500)), trigger: .check)
            let elapsed = ContinuousClock.now - started
            #expect(result.record.outcome == .transient)
            #expect(result.record.error?.contains("timeout") == true)
            // The hang lasts 10 minutes: anything under 10 s means our 0.5 s timeout ended it.
            #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(10))
        }
    }

    @Test func malformedBodyIsTransient() async throws {
        try await Self.withSandbox([Self.credential("AK-M") { $0.malformedRate = 1 }]) { server, client in
            let result = await client.fetch(Self.profile("AK-M", on: server), trigger: .check)
            #expect(result.record.outcome == .transient)
            #expect(result.record.httpStatus == 200)
            #expect(result.token == nil)
            let error = result.record.error ?? ""
            #expect(error.contains("not JSON") || error.contains("empty body"), "\(error)")
        }
    }

    @Test func rateLimitCarriesRetryAfter() async throws {
        try await Self.withSandbox([
            Self.credential("AK-R") {
                $0.rateLimitRate = 1
                $0.retryAfter = .seconds(7)
            }
        ]) {
            server, client in
            let result = await client.fetch(Self.profile("AK-R", on: server), trigger: .check)
            #expect(result.record.outcome == .transient)
            #expect(result.record.httpStatus == 429)
            #expect(result.record.retryAfter == .seconds(7))
        }
    }

    @Test func expiryInSecondsIsNormalised() async throws {
        try await Self.withSandbox([Self.credential("AK-S") { $0.expiryInSeconds = true }]) { server, client in
            let result = await client.fetch(Self.profile("AK-S", on: server), trigger: .check)
            #expect(result.record.outcome == .success)
            let raw = try #require(result.record.expiryRaw)
            #expect(raw < ResponseClassifier.secondsCutoff)
            #expect(result.record.expiryMs == raw * 1000)
            #expect(result.record.notes.contains { $0.contains("read as seconds") })
        }
    }

    @Test func skewedServerClockIsCorrected() async throws {
        try await Self.withSandbox([Self.credential("AK-K") { $0.skew = .seconds(90) }]) { server, client in
            let result = await client.fetch(Self.profile("AK-K", on: server), trigger: .check)
            #expect(result.record.outcome == .success)
            let skew = try #require(result.record.skew).seconds
            #expect(abs(skew - 90) < 2)
            // The server says "now + 300 s" on its clock; on ours that is still about 300 s away.
            let remaining = try #require(result.token).expiresAt.timeIntervalSinceNow
            #expect(remaining > 290 && remaining <= 302)
        }
    }

    @Test func authServiceKeepsTokensFromTheSandbox() async throws {
        try await Self.withSandbox([Self.credential("AK-A"), Self.credential("AK-B")]) { server, client in
            var policy = RefreshPolicy()
            policy.startSpread = .zero
            let auth = AuthService(
                profiles: [Self.profile("AK-A", on: server), Self.profile("AK-B", on: server)], client: client,
                policy: policy)
            let events = await auth.events()
            await auth.start()
            var finished = 0
            for await event in events {
                if case .attemptFinished = event { finished += 1 }
                if finished == 2 { break }
            }
            #expect(await auth.snapshot().map(\.state) == [.valid, .valid])
            #expect(await auth.validToken(for: "ak-a") != nil)
            #expect(await server.stats().requests == 2)
            await auth.shutdown()
        }
    }
}
