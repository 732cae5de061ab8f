import Foundation
import TestFixtures
import Testing

@testable import Sinks
@testable import TokenModel

@Suite("SinkDelivery and SinkReuse")
struct SinkReuseTests {
    let now = Date(epochMilliseconds: 1_800_000_000_000)

    func token(_ value: String, lifetime: Duration = .seconds(600), issued: Date? = nil) -> IssuedToken {
        let issuedAt = issued ?? now
        let expiresAt = issuedAt.adding(lifetime)
        return IssuedToken(
            value: SecretString(value), issuedAt: issuedAt, serverExpiryMs: expiresAt.epochMilliseconds,
            expiresAt: expiresAt)
    }

    func profile(_ name: String, sink: TokenSink?, hook: RefreshHook? = nil, accessKey: String? = nil) -> Profile {
        var profile = TestProfiles.make(name)
        profile.sink = sink
        profile.onRefresh = hook
        if let accessKey { profile.accessKey = accessKey }
        return profile
    }

    @Test("delivery writes the sink, records sinks.json without the token, runs the hook and reports")
    func delivers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sinkPath = directory.file("out/acme.token")
        let marker = directory.file("hook-ran")
        let state = try SinkStateFile(directory: directory.file("instance"))
        let delivery = SinkDelivery(state: state, environment: ["PATH": "/usr/bin:/bin"])
        let acme = profile(
            "acme", sink: TokenSink(path: sinkPath, format: .header),
            hook: RefreshHook(command: "cat \"$TOKENTOP_SINK\" > '\(marker)'; exit 4"))
        let issued = token("secret-token-abc")
        let report = try #require(await delivery.deliver(issued, for: acme))
        #expect(report.ok)
        #expect(report.hookRan)
        #expect(report.hookExitCode == 4)
        #expect(!report.succeeded)
        #expect(report.tokenFingerprint == issued.fingerprint)
        #expect(!"\(report)".contains("secret-token-abc"))
        #expect(try String(contentsOfFile: sinkPath, encoding: .utf8) == "Authorization: Bearer secret-token-abc\n")
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "Authorization: Bearer secret-token-abc\n")
        let stateText = try String(contentsOfFile: state.path, encoding: .utf8)
        #expect(stateText.contains(issued.fingerprint))
        #expect(!stateText.contains("secret-token-abc"))
        let mode = try FileManager.default.attributesOfItem(atPath: state.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(await delivery.deliver(issued, for: profile("plain", sink: nil)) == nil)
    }

    @Test("a failed write is reported with the path and no hook runs")
    func failedWrite() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("taken"), withIntermediateDirectories: false)
        let delivery = SinkDelivery(state: nil, environment: [:])
        let report = try #require(
            await delivery.deliver(
                token("secret-token-x"),
                for: profile("acme", sink: TokenSink(path: directory.file("taken")), hook: RefreshHook(command: "true"))
            ))
        #expect(!report.ok)
        #expect(!report.hookRan)
        #expect(report.error?.contains(directory.file("taken")) == true)
        #expect(report.summary.hasPrefix("sink failed"))
    }

    @Test(
        "every format is reused after a restart; raw and header through sinks.json", arguments: TokenSinkFormat.allCases
    )
    func reusesEachFormat(format: TokenSinkFormat) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let acme = profile("acme", sink: TokenSink(path: directory.file("acme.sink"), format: format))
        let issued = token("secret-token-\(format.rawValue)")
        _ = await SinkDelivery(state: try SinkStateFile(directory: directory.path), environment: [:])
            .deliver(issued, for: acme)

        let later = now.adding(.seconds(60))
        let outcome = SinkReuse.seeds(for: [acme], state: try SinkStateFile(directory: directory.path), now: later)
        let seed = try #require(outcome.seeds["acme"], "\(outcome.findings)")
        #expect(seed.value == issued.value)
        #expect(seed.expiresAt == issued.expiresAt)
        #expect(seed.serverExpiryMs == issued.serverExpiryMs)
        #expect(outcome.findings.first?.reused == true)
        #expect(!outcome.findings.description.contains("secret-token"))

        // Without the sinks.json record nothing is reused, not even a format that carries its
        // own expiry: only a token this instance recorded for these credentials is trusted.
        let alone = SinkReuse.seeds(for: [acme], state: nil, now: later)
        #expect(alone.seeds.isEmpty)
        let empty = try TemporaryDirectory()
        defer { empty.remove() }
        let unrecorded = SinkReuse.seeds(for: [acme], state: try SinkStateFile(directory: empty.path), now: later)
        #expect(unrecorded.seeds.isEmpty)
        #expect(unrecorded.findings.first?.reason.contains("no record") == true)
    }

    @Test("not reused: expired, other credentials, missing file, a token sinks.json does not know")
    func refusals() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let state = try SinkStateFile(directory: directory.path)
        let delivery = SinkDelivery(state: state, environment: [:])
        let raw = profile("raw", sink: TokenSink(path: directory.file("raw.token")))
        let json = profile("json", sink: TokenSink(path: directory.file("json.token"), format: .json))
        _ = await delivery.deliver(token("secret-token-raw"), for: raw)
        _ = await delivery.deliver(token("secret-token-json"), for: json)

        let expired = SinkReuse.seeds(for: [raw, json], state: state, now: now.adding(.seconds(595)))
        #expect(expired.seeds.isEmpty)
        #expect(expired.findings.allSatisfy { $0.reason.contains("expired") })

        let rekeyed = profile("raw", sink: raw.sink, accessKey: "AK-other")
        #expect(
            SinkReuse.seeds(for: [rekeyed], state: state, now: now).findings.first?.reason.contains("other credentials")
                == true)
        // A rotated secret counts as other credentials too (the same rule a reload applies).
        var resecreted = json
        resecreted.secretKey = SecretString("a-rotated-secret")
        #expect(
            SinkReuse.seeds(for: [resecreted], state: state, now: now).findings.first?.reason.contains(
                "other credentials") == true)
        // A json file carries its own expiry, but one sinks.json did not record is not trusted.
        let foreign = token("secret-token-foreign")
        try SinkFileWriter.write(
            TokenSinkFormat.json.render(foreign, profile: "json"), to: directory.file("json.token"))
        #expect(
            SinkReuse.seeds(for: [json], state: state, now: now).findings.first?.reason.contains("not the one") == true)

        try "someone-elses-token\n".write(toFile: directory.file("raw.token"), atomically: true, encoding: .utf8)
        #expect(
            SinkReuse.seeds(for: [raw], state: state, now: now).findings.first?.reason.contains("not the one") == true)

        let missing = profile("missing", sink: TokenSink(path: directory.file("none.token")))
        #expect(SinkReuse.seeds(for: [missing], state: state, now: now).findings.first?.reason == "no sink file yet")

        var disabled = json
        disabled.enabled = false
        #expect(SinkReuse.seeds(for: [disabled], state: state, now: now).findings.isEmpty)
    }

    @Test("sinks.json survives a reopen and drops profiles that are gone")
    func stateFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let state = try SinkStateFile(directory: directory.path)
        let sink = TokenSink(path: "/run/a.token", format: .env)
        try state.record(state.entry(for: token("t1"), profile: profile("a", sink: sink), sink: sink), for: "a")
        try state.record(state.entry(for: token("t2"), profile: profile("b", sink: sink), sink: sink), for: "b")
        let reopened = try SinkStateFile(directory: directory.path)
        #expect(reopened.all == state.all)
        #expect(reopened.entry(for: "a")?.fingerprint == SecretString("t1").fingerprint)
        try reopened.retain(only: ["b"])
        #expect(try SinkStateFile(directory: directory.path).all.keys.sorted() == ["b"])
    }
}
