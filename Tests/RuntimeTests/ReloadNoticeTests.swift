import Dashboard
import Testing
import TokenModel

@testable import Runtime

/// One notice per reload on Ctrl-R: an applied file is announced by the service's `reloaded`
/// event, a refused one by the command; both with the one summary text.
@Suite struct ReloadNoticeTests {
    @Test func anAppliedReloadLeavesTheNoticeToTheReloadedEvent() {
        #expect(
            DashboardCommandRunner.reloadNotice(ReloadSummary(added: ["gamma"], unchanged: ["alpha"])).map { "\($0)" }
                == nil)
        #expect(DashboardCommandRunner.reloadNotice(nil).map { "\($0)" } == nil)
    }

    @Test func aRefusedReloadIsTheCommandsOneNotice() {
        let summary = ReloadSummary(errors: ["profiles.yaml:3:5: error: bad", "profiles.yaml:4:1: error: worse"])
        guard case .notice(let text)? = DashboardCommandRunner.reloadNotice(summary) else {
            Issue.record("expected an error notice")
            return
        }
        #expect(text == "profiles file not reloaded, running set unchanged: profiles.yaml:3:5: error: bad (and 1 more)")
    }

    @Test func theOneSummaryTextListsEveryNameOrADash() {
        let summary = ReloadSummary(added: ["gamma"], updated: ["beta"], unchanged: ["alpha", "delta"])
        #expect(summary.description == "added gamma; removed -; changed -; updated beta; unchanged alpha, delta")
    }
}
