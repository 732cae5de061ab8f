import Control
import Foundation
import Testing
import TokenModel

/// Two flags added to protocol 1 without breaking older peers: a status's `rejected` (a paused
/// profile whose credentials were refused) and a refresh result's `reused` (the last attempt's
/// record, within the manual rate limit). Each is left out when false, and a peer that predates
/// it reads as before.
@Suite struct ControlWireFlagTests {
    @Test func rejectedTravelsOnlyWhenSetAndOlderStatusesFallBackToTheirState() throws {
        var paused = ControlCodecTests.status()
        paused.state = .paused
        paused.paused = true
        paused.rejected = true
        let line = ControlCodec.encode(.snapshot([paused], id: nil))
        #expect(line.contains(#""rejected":true"#))
        #expect(try Self.statuses(line).first?.rejected == true)

        let plain = ControlCodec.encode(.snapshot([ControlCodecTests.status()], id: nil))
        #expect(!plain.contains(#""rejected""#))
        #expect(try Self.statuses(plain).first?.rejected == false)

        // From a server that predates the flag (it never sends one), a `rejected` state is all
        // there is to go by.
        var old = ControlCodecTests.status()
        old.state = .rejected
        let oldLine = ControlCodec.encode(.snapshot([old], id: nil))
        #expect(!oldLine.contains(#""rejected":true"#))
        #expect(try Self.statuses(oldLine).first?.rejected == true)
    }

    @Test func aReusedRecordIsMarkedWithTheInterval() throws {
        let reused = ControlCodec.encode(
            .result(ControlResult(ok: true, record: ControlCodecTests.record(), reusedWithin: .seconds(5)), id: nil))
        #expect(reused.contains(#""reused":true"#) && reused.contains(#""intervalMs":5000"#))
        guard case .result(let result, _) = try ControlCodec.decode(Array(reused.utf8)) else {
            Issue.record("not a result")
            return
        }
        #expect(result.reusedWithin == .seconds(5))

        let fresh = ControlCodec.encode(.result(ControlResult(ok: true, record: ControlCodecTests.record()), id: nil))
        #expect(!fresh.contains("reused") && !fresh.contains("intervalMs"))
        guard case .result(let new, _) = try ControlCodec.decode(Array(fresh.utf8)) else {
            Issue.record("not a result")
            return
        }
        #expect(new.reusedWithin == nil)
    }

    private static func statuses(_ line: String) throws -> [ProfileStatus] {
        guard case .snapshot(let profiles, _) = try ControlCodec.decode(Array(line.utf8)) else { return [] }
        return profiles
    }
}
