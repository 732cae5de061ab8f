import Foundation
import Profiles
import ResultLog
import TestFixtures
import Testing
import TokenModel

@testable import Runtime

/// Reload outcomes through the one path, on a refresher that is never started: nothing is
/// fetched, so only what the reload decides and logs is checked.
@Suite struct ReloadCoordinatorTests {
    static let secret = "S3CRET-runtime-reload"

    /// A profiles file; each entry is `name: accessKey[: merchant]`.
    static func file(_ entries: [(String, String, String?)], concurrency: Int? = nil) -> String {
        var text = concurrency.map { "concurrency: \($0)\n" } ?? ""
        text += "defaults:\n  baseURL: http://127.0.0.1:9\nprofiles:\n"
        for (name, key, merchant) in entries {
            text += "  - name: \(name)\n    accessKey: \(key)\n    secretKey: \(secret)\n"
            if let merchant { text += "    merchant: \(merchant)\n" }
        }
        return text
    }

    static let initial: [(String, String, String?)] = [
        ("alpha", "AK-a", nil), ("beta", "AK-b", nil), ("rekeyed", "AK-r", nil), ("gone", "AK-g", nil),
    ]

    /// A coordinator over `initial`, as a refreshing process makes it at start-up.
    static func coordinator(
        _ scratch: ScratchDirectory, log: LogCapture, strict: Bool = false
    ) async throws -> ReloadCoordinator {
        let config = try scratch.write("profiles.yaml", file(initial))
        let set = try await ProfilesLoader.loadOffPool(path: config, environment: scratch.environment, strict: strict)
        let instance = InstanceDirectory(configPath: config, environment: scratch.environment)
        _ = try instance.create()
        let resultLog = try ResultLog(destination: .file(scratch.path + "/results.jsonl"))
        let refresher = try Refresher.make(
            set: set, instance: instance, resultLog: resultLog, environment: scratch.environment, strict: strict,
            logger: log.logger)
        return ReloadCoordinator(refresher: refresher, logger: log.logger)
    }

    @Test func aValidFileIsAppliedProfileByProfileAndLoggedInOneLine() async throws {
        let scratch = try ScratchDirectory()
        let log = LogCapture()
        let reloads = try await Self.coordinator(scratch, log: log)
        try scratch.write(
            "profiles.yaml",
            Self.file([
                ("alpha", "AK-a", nil), ("beta", "AK-b", "Beta Renamed"), ("rekeyed", "AK-r2", nil),
                ("gamma", "AK-c", nil),
            ]))

        let summary = await reloads.reload(trigger: "SIGHUP")

        #expect(
            summary
                == ReloadSummary(
                    added: ["gamma"], removed: ["gone"], changed: ["rekeyed"], updated: ["beta"], unchanged: ["alpha"]))
        #expect(await reloads.refresher.auth.profileNames == ["alpha", "beta", "rekeyed", "gamma"])
        let path = reloads.refresher.configPath ?? ""
        #expect(log.all.contains("info: SIGHUP: reloading \(path)"))
        #expect(
            log.all.contains("info: reload: added gamma; removed gone; changed rekeyed; updated beta; unchanged alpha"))
        #expect(!log.all.joined().contains(Self.secret))
        await reloads.refresher.shutdown()
    }

    @Test func anUnchangedFileChangesNothing() async throws {
        let scratch = try ScratchDirectory()
        let log = LogCapture()
        let reloads = try await Self.coordinator(scratch, log: log)
        let summary = await reloads.reload(trigger: "socket")
        #expect(summary == ReloadSummary(unchanged: ["alpha", "beta", "rekeyed", "gone"]))
        #expect(
            log.all.contains(
                "info: reload: added -; removed -; changed -; updated -; unchanged alpha, beta, rekeyed, gone"))
        await reloads.refresher.shutdown()
    }

    @Test func anInvalidFileIsRefusedAndTheRunningSetKept() async throws {
        let scratch = try ScratchDirectory()
        let log = LogCapture()
        let reloads = try await Self.coordinator(scratch, log: log)
        let config = try scratch.write("profiles.yaml", Self.file([("alpha", "AK-a", nil)]) + "  - name: [broken\n")

        let summary = await reloads.reload(trigger: "SIGHUP")

        #expect(!summary.errors.isEmpty)
        #expect(summary.added.isEmpty && summary.removed.isEmpty && summary.unchanged.isEmpty)
        #expect(await reloads.refresher.auth.profileNames == ["alpha", "beta", "rekeyed", "gone"])
        #expect(log.all.contains { $0.hasPrefix("error: reload: \(config):") })
        #expect(
            log.all.contains {
                $0.hasPrefix("error: reload failed: \(config) has ")
                    && $0.hasSuffix("still running the previous 4 profiles")
            })
        #expect(summary.description.hasPrefix("not reloaded, running set unchanged: \(config):"))
        await reloads.refresher.shutdown()
    }

    @Test func aConcurrencyChangeIsAppliedOnlyAfterARestartAndSaysSo() async throws {
        let scratch = try ScratchDirectory()
        let log = LogCapture()
        let reloads = try await Self.coordinator(scratch, log: log)
        try scratch.write("profiles.yaml", Self.file(Self.initial, concurrency: 3))

        let before = reloads.refresher.concurrency
        let summary = await reloads.reload(trigger: "SIGHUP")

        #expect(summary.errors.isEmpty)
        #expect(before != 3)
        #expect(
            log.all.contains("warning: reload: concurrency changed from \(before) to 3; it applies after a restart"))
        await reloads.refresher.shutdown()
    }

    @Test func demoHasNothingToReload() async throws {
        let scratch = try ScratchDirectory()
        let log = LogCapture()
        let set = ProfileSet(source: "DEMO", profiles: [])
        let resultLog = try ResultLog(destination: .file(scratch.path + "/results.jsonl"))
        let refresher = try Refresher.make(
            set: set, instance: nil, resultLog: resultLog, environment: scratch.environment, logger: log.logger)
        let reloads = ReloadCoordinator(refresher: refresher, logger: log.logger)

        #expect(!reloads.isAvailable)
        #expect(
            await reloads.reload(trigger: "SIGHUP") == ReloadSummary(errors: ["--demo has no profiles file to reload"]))
        #expect(log.all == ["warning: SIGHUP: --demo has no profiles file to reload; nothing changed"])
        // Over the socket and on Ctrl-R: refused, as a service that cannot reload.
        await #expect(throws: TokenServiceError.reloadUnavailable) {
            try await reloads.tokenService(trigger: "socket").reload()
        }
        await refresher.shutdown()
    }

    @Test func theSocketAndCtrlRGoThroughTheSamePath() async throws {
        let scratch = try ScratchDirectory()
        let log = LogCapture()
        let reloads = try await Self.coordinator(scratch, log: log)
        try scratch.write("profiles.yaml", Self.file(Array(Self.initial.prefix(3))))
        let summary = try await reloads.tokenService(trigger: "socket").reload()
        #expect(summary == ReloadSummary(removed: ["gone"], unchanged: ["alpha", "beta", "rekeyed"]))
        #expect(
            log.all.contains(
                "info: reload: added -; removed gone; changed -; updated -; unchanged alpha, beta, rekeyed"))
        await reloads.refresher.shutdown()
    }
}
