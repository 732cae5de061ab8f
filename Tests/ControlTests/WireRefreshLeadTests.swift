import Control
import Foundation
import Testing
import TokenModel

/// The refresh lead crosses the control socket with the status (an attached viewer's problems
/// view needs it), and a status from a peer that predates it still decodes, without one.
@Suite struct WireRefreshLeadTests {
    @Test func theLeadRoundTripsAndItsAbsenceDecodes() throws {
        var status = ControlCodecTests.status()
        status.refreshLeadAt = Date(epochMilliseconds: 1_800_000_239_000)
        let line = ControlCodec.encode(.event(.stateChanged(status)))
        #expect(line.contains(#""refreshLeadAt":"#))
        guard case .event(.stateChanged(let decoded)) = try ControlCodec.decode(Array(line.utf8)) else {
            Issue.record("not a stateChanged event: \(line)")
            return
        }
        #expect(decoded.refreshLeadAt == status.refreshLeadAt)

        let without = ControlCodec.encode(.event(.stateChanged(ControlCodecTests.status())))
        #expect(!without.contains("refreshLeadAt"))
        guard case .event(.stateChanged(let old)) = try ControlCodec.decode(Array(without.utf8)) else {
            Issue.record("not a stateChanged event: \(without)")
            return
        }
        #expect(old.refreshLeadAt == nil)
        #expect(old == ControlCodecTests.status())
    }
}
