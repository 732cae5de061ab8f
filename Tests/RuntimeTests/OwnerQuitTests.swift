import Control
import Foundation
import Logging
import Profiles
import Sandbox
import TestFixtures
import Testing
import TokenModel

@testable import Runtime

/// Stopping an owner while a viewer waits for a refresh the token server never answers: the
/// socket closes first (the viewer is let go), the refresher then cancels the request (and logs
/// it), so the stop waits neither for the request's timeout nor for the viewer.
@Suite struct OwnerQuitTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    static let secret = "S3CRET-owner-quit"

    @Test func stoppingAnswersAViewersRefreshAndCancelsTheRequestInFlight() async throws {
        let scratch = try ScratchDirectory()
        let hanging = SandboxCredential(accessKey: "AK-hang", secretKey: SecretString(Self.secret), hangRate: 1)
        let sandbox = try await SandboxServer.start(credentials: [hanging], logger: Self.quiet)
        let config = try scratch.write(
            "profiles.yaml",
            """
            defaults:
              baseURL: \(sandbox.baseURL.absoluteString)
            profiles:
              - name: slow
                accessKey: AK-hang
                secretKey: \(Self.secret)
                refresh: {timeout: 60s}
            """)
        let set = try await ProfilesLoader.loadOffPool(path: config, environment: scratch.environment)
        let instance = InstanceDirectory(configPath: config, environment: scratch.environment)
        _ = try instance.create()
        let log = scratch.path + "/results.jsonl"
        let owner = try await OwnerRun.start(
            LoadedProfiles(set: set, sandbox: sandbox), instance: instance,
            resultLog: ResultLogSettings(path: log, maxBytes: nil, keep: 1), environment: scratch.environment,
            strict: false, logger: Self.quiet)
        let socket = scratch.path + "/q.sock"
        let control = try await ControlServer.bind(
            path: socket, service: owner.reloads.tokenService(trigger: "socket"), role: .dashboard, config: config)
        let parts = OwnerParts(
            control: control, ownerPath: instance.ownerPath,
            events: EventForwarder(events: await owner.refresher.auth.events(), drains: false) { _ in })

        let started = ContinuousClock.now
        let pending: Task<String, Never>? =
            try await owner.run(parts) { _ in
                guard let client = try? await ControlClient.connect(path: socket, expectedConfig: config) else {
                    return nil
                }
                // The viewer's refresh is in flight (held by the sandbox) when the owner stops.
                let answer = Task {
                    defer { client.close() }
                    do {
                        guard case .result(let result, _) = try await client.send(.refresh("slow")) else {
                            return "no result"
                        }
                        return result.ok ? "refreshed" : "refused"
                    } catch {
                        return "let go"
                    }
                }
                while await sandbox.stats().held == 0 { try? await Task.sleep(for: .milliseconds(10)) }
                try? await Task.sleep(for: .milliseconds(100))
                return answer
            } ?? nil
        let reply = await pending?.value

        #expect(ContinuousClock.now - started < .seconds(30), "the stop waited for the request's timeout")
        // Connected, and not left waiting for a token: answered with a refusal, or let go.
        #expect(reply == "let go" || reply == "refused", "\(String(describing: reply))")
        // The cancelled request is in the result log.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("\"profile\":\"slow\"") })
        #expect(!FileManager.default.fileExists(atPath: socket))
    }
}
