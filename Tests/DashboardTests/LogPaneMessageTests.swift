import Foundation
import Testing

@testable import Dashboard
@testable import TokenModel

/// The log pane's MESSAGE: our words, then the server's, joined so they read (the OUTCOME and
/// CODE columns beside it carry the rest).
@Suite struct LogPaneMessageTests {
    @Test func aRejectionReadsOursThenTheServers() {
        let record = AttemptRecord(
            profile: "nova", trigger: .initial, startedAt: Date(timeIntervalSince1970: 0), httpStatus: 401,
            resultCode: .number(1001), resultMessage: "Invalid accessKey or secretKey.", outcome: .rejected,
            error: "credentials refused")
        let message = LogPaneView.message(record)
        #expect(message == "credentials refused: Invalid accessKey or secretKey.")
        #expect(!message.contains(".:"))
    }

    @Test func eitherAloneIsShownAsItIs() {
        let start = Date(timeIntervalSince1970: 0)
        let server = AttemptRecord(
            profile: "a", trigger: .initial, startedAt: start, resultMessage: "Success", outcome: .success)
        #expect(LogPaneView.message(server) == "Success")
        let ours = AttemptRecord(
            profile: "a", trigger: .retry, startedAt: start, outcome: .transient, error: "server error")
        #expect(LogPaneView.message(ours) == "server error")
    }
}
