import Control
import Foundation
import Testing
import TokenModel

@Suite struct ControlCodecTests {
    static let at = Date(epochMilliseconds: 1_800_000_000_123)

    static func record() -> AttemptRecord {
        var record = AttemptRecord(
            profile: "alpha", trigger: .scheduled, startedAt: at, latency: .milliseconds(87), httpStatus: 200,
            resultCode: .number(0), resultMessage: "Token generated successfully.", outcome: .success, error: nil,
            expiryRaw: 1_800_000_300, expiryMs: 1_800_000_300_000,
            expiresAt: Date(epochMilliseconds: 1_800_000_299_000),
            tokenFingerprint: "5dc17f91dbe3", skew: .milliseconds(-1500), retryAfter: .seconds(5),
            notes: ["expiry read as seconds"])
        record.attempt = 3
        return record
    }

    static func status() -> ProfileStatus {
        ProfileStatus(
            name: "alpha", merchant: "Alpha \"Pay\" Ltd", environment: "production", host: "api.enkash.in",
            baseURL: "https://api.enkash.in", maskedAccessKey: "ENKD••••AY", tags: ["cards", "demo"], enabled: true,
            paused: false, state: .valid, tokenFingerprint: "5dc17f91dbe3", issuedAt: at,
            expiresAt: Date(epochMilliseconds: 1_800_000_299_000), serverExpiryMs: 1_800_000_300_000,
            nextRefreshAt: Date(epochMilliseconds: 1_800_000_180_000), attempts: 4, lastAttempt: record(),
            lastSuccessAt: at)
    }

    static func messages() -> [ControlMessage] {
        [
            .hello(ControlHello(role: .daemon, pid: 4242, config: "/etc/tokentop/profiles.yaml", profiles: 3)),
            .request(.status, id: .number(1)),
            .request(.subscribe, id: nil),
            .request(.refresh("alpha"), id: .text("r-1")),
            .request(.refreshAll(includeRejected: true), id: .number(2)),
            .request(.pause("alpha"), id: nil),
            .request(.resume("alpha"), id: nil),
            .request(.togglePause("beta"), id: .number(3)),
            .request(.reload, id: .number(4)),
            .snapshot(
                [
                    status(),
                    ProfileStatus(
                        name: "beta", merchant: "B", environment: "sandbox", host: "h", baseURL: "http://h",
                        maskedAccessKey: "x",
                        tags: [], enabled: false, paused: true, state: .disabled),
                ], id: .number(1)),
            .result(ControlResult(ok: true, record: record()), id: .text("r-1")),
            .result(ControlResult(ok: true, skipped: ["nova"]), id: .number(2)),
            .result(
                ControlResult(ok: false, reload: ReloadSummary(errors: ["profiles.yaml:3: bad"]), error: "invalid"),
                id: nil),
            .event(.stateChanged(status())),
            .event(.attemptStarted(profile: "alpha", trigger: .manual, at: at)),
            .event(.attemptFinished(record())),
            .error("unknown message type \"nope\"", id: .number(9)),
        ]
    }

    @Test func everyMessageRoundTrips() throws {
        for message in Self.messages() {
            let line = ControlCodec.encode(message)
            #expect(!line.contains("\n"), "one line: \(line)")
            let decoded = try ControlCodec.decode(Array(line.utf8))
            #expect(ControlCodec.encode(decoded) == line)
        }
    }

    @Test func decodedValuesEqualTheOriginals() throws {
        guard
            case .snapshot(let profiles, let id) = try ControlCodec.decode(
                Array(ControlCodec.encode(Self.messages()[9]).utf8))
        else {
            Issue.record("not a snapshot")
            return
        }
        #expect(id == .number(1))
        #expect(profiles.first == Self.status())
        #expect(profiles.last?.paused == true)
        guard
            case .result(let result, _) = try ControlCodec.decode(Array(ControlCodec.encode(Self.messages()[10]).utf8))
        else {
            Issue.record("not a result")
            return
        }
        #expect(result.record == Self.record())
    }

    @Test func theDocumentedShapes() {
        #expect(
            ControlCodec.encode(.request(.refresh("x"), id: .number(7))) == #"{"id":7,"profile":"x","type":"refresh"}"#)
        let hello = ControlCodec.encode(
            .hello(ControlHello(version: "0.1.0", role: .dashboard, pid: 9, config: "/a/p.yaml", profiles: 2)))
        #expect(
            hello
                == #"{"config":"/a/p.yaml","pid":9,"profiles":2,"protocol":1,"role":"dashboard","type":"hello","version":"0.1.0"}"#
        )
        let event = ControlCodec.encode(.event(.attemptStarted(profile: "x", trigger: .manual, at: Self.at)))
        #expect(
            event
                == #"{"at":"2027-01-15T08:00:00.123Z","event":"attemptStarted","profile":"x","trigger":"manual","type":"event"}"#
        )
        let attempt = ControlCodec.encode(.event(.attemptFinished(Self.record())))
        #expect(
            attempt.contains(#""latencyMs":87"#) && attempt.contains(#""skewMs":-1500"#)
                && attempt.contains(#""resultCode":0"#))
    }

    @Test func handWrittenRequestsDecode() throws {
        guard
            case .request(.refreshAll(let include), let id) = try ControlCodec.decode(
                Array(#"{"type":"refreshAll"}"#.utf8))
        else {
            Issue.record("refreshAll")
            return
        }
        #expect(include == false && id == nil)
        guard
            case .request(.pause("a"), .text("q"))? = try? ControlCodec.decode(
                Array(#" {"type":"pause","profile":"a","id":"q"} "#.utf8))
        else {
            Issue.record("pause")
            return
        }
    }

    @Test func badLinesSayWhyAndKeepTheID() {
        let cases: [(String, String, ControlID?)] = [
            ("not json", "not a JSON object", nil),
            (#"{"type":"fly","id":5}"#, "unknown message type \"fly\"", .number(5)),
            (#"{"type":"refresh","id":"z"}"#, "missing field \"profile\"", .text("z")),
            (#"{"id":1}"#, "missing field \"type\"", .number(1)),
            (#"{"type":"refresh","profile":3}"#, "bad value for \"profile\"", nil),
        ]
        for (line, message, id) in cases {
            #expect(throws: ControlCodecError(message, id: id), "\(line)") { try ControlCodec.decode(Array(line.utf8)) }
        }
    }

    /// The wire types have no field that could hold a token: encode everything a service can
    /// say about a profile whose token and secret are known, and look for them.
    @Test func noSecretOrTokenIsEverEncoded() throws {
        let token = SecretString("eyJhbGciOiJIUzI1NiJ9.VERY-SECRET-TOKEN-\(UUID().uuidString)")
        let secret = "SK-\(UUID().uuidString)"
        var status = Self.status()
        status.tokenFingerprint = token.fingerprint
        var record = Self.record()
        record.tokenFingerprint = token.fingerprint
        status.lastAttempt = record
        let lines = [
            ControlCodec.encode(.snapshot([status], id: nil)), ControlCodec.encode(.event(.stateChanged(status))),
            ControlCodec.encode(.event(.attemptFinished(record))),
            ControlCodec.encode(.result(ControlResult(ok: true, record: record), id: nil)),
        ].joined(separator: "\n")
        #expect(!lines.contains(token.reveal()))
        #expect(!lines.contains(secret))
        #expect(lines.contains(token.fingerprint))
        #expect(!lines.contains("eyJhbGci"))
    }

    @Test func isoTimesParseWhatTheyFormat() {
        for ms: Int64 in [0, 1_800_000_000_123, 999, 1_764_000_000_000, -1] {
            let date = Date(epochMilliseconds: ms)
            #expect(ISOTime.parse(ISOTime.format(date)) == date, "\(ms)")
        }
        #expect(ISOTime.parse("2026-11-24T20:22:00Z") == Date(epochMilliseconds: 1_795_551_720_000))
        #expect(ISOTime.parse("2026-11-24T22:22:00.5+02:00") == Date(epochMilliseconds: 1_795_551_720_500))
        #expect(ISOTime.parse("2026-11-24") == nil)
        #expect(ISOTime.parse("2026-11-24T20:22:00.123Zjunk") == nil)
    }
}

extension ControlCodecTests {
    @Test func theProxyTravelsAsItsLabelOnlyAndIsAbsentWhenDirect() throws {
        var status = Self.status()
        status.proxy = "[2001:db8::5]:3128"
        let line = ControlCodec.encode(.event(.stateChanged(status)))
        #expect(line.contains(#""proxy":"[2001:db8::5]:3128""#))
        guard case .event(.stateChanged(let decoded)) = try ControlCodec.decode(Array(line.utf8)) else {
            Issue.record("not a state change")
            return
        }
        #expect(decoded.proxy == "[2001:db8::5]:3128")
        #expect(decoded == status)
        #expect(!ControlCodec.encode(.event(.stateChanged(Self.status()))).contains("proxy"))
    }

    /// A server's text on the wire reaches terminals through socat: no raw control character,
    /// DEL and C1 included, and the decoded value is the server's text.
    @Test func serverTextOnTheWireHasNoRawControlCharacter() throws {
        var record = Self.record()
        record.resultMessage = "bad\u{1B}]0;pwned\u{07}\u{9B}2J\u{7F} ₹ ©"
        let line = ControlCodec.encode(.event(.attemptFinished(record)))
        #expect(!line.unicodeScalars.contains { TerminalText.isControl($0) })
        guard case .event(.attemptFinished(let decoded)) = try ControlCodec.decode(Array(line.utf8)) else {
            Issue.record("not an attempt")
            return
        }
        #expect(decoded.resultMessage == record.resultMessage)
    }
}
