import Dashboard
import Testing
import TokenModel

@testable import Runtime
@testable import Terminal

/// A dashboard's refresh answered with the last attempt's record (the rate limit) says so,
/// instead of looking like a fresh result; a new record gives no notice.
@Suite struct ReusedRefreshNoticeTests {
    @Test func aReusedRecordGivesANotice() async throws {
        let inbox = try MessageInbox()
        await DashboardCommandRunner.perform(.refresh("acme"), on: OneRecordService(reused: true), inbox: inbox)
        let notices = inbox.drain().compactMap { if case .info(let text) = $0 { text } else { nil } }
        #expect(notices == ["acme: refreshed 3 s ago; showing that result (one request per 5 s)"], "\(notices)")
    }

    @Test func aNewRecordGivesNone() async throws {
        let inbox = try MessageInbox()
        await DashboardCommandRunner.perform(.refresh("acme"), on: OneRecordService(reused: false), inbox: inbox)
        #expect(inbox.drain().isEmpty)
    }
}
