import Dashboard
import Foundation
import Testing
import TokenModel

@Suite struct UpdateCopyReloadTests {
    @Test func yAsksBeforeCopyingAndNamesTheFingerprintNotTheToken() throws {
        var state = Fixture.state()
        #expect(press(&state, .char("y")).isEmpty)
        let confirmation = try #require(state.confirmation)
        #expect(confirmation == .copyToken(profile: "acme-cards-uat", fingerprint: "3f9aacmec2b7", header: false))
        #expect(confirmation.title == "Copy token of acme-cards-uat (fingerprint 3f9aacmec2b7) to the clipboard?")
        let screen = view(state).text
        #expect(screen.contains("Copy token of acme-cards-uat"))
        #expect(screen.contains("never shown"))
        #expect(press(&state, .char("y")) == [.copyToken(profile: "acme-cards-uat", header: false)])
        #expect(state.confirmation == nil)
    }

    @Test func shiftYCopiesTheAuthorizationHeader() throws {
        var state = Fixture.state()
        press(&state, .char("Y"))
        let confirmation = try #require(state.confirmation)
        #expect(confirmation.title.contains("Authorization header of acme-cards-uat"))
        #expect(confirmation.explanation.contains("Authorization: Bearer <token>"))
        #expect(press(&state, .char("Y")) == [.copyToken(profile: "acme-cards-uat", header: true)])
    }

    @Test func noAnswersNothingCopied() {
        for cancel: Key in [.char("n"), .escape] {
            var state = Fixture.state()
            press(&state, .char("y"))
            #expect(press(&state, cancel).isEmpty)
            #expect(state.confirmation == nil)
        }
    }

    @Test func aProfileWithoutAValidTokenHasNothingToCopy() throws {
        var state = Fixture.state()
        let withoutToken = try #require(state.profiles.firstIndex { $0.tokenFingerprint == nil })
        state.selectedName = state.profiles[withoutToken].name
        #expect(press(&state, .char("y")).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.notice?.contains("no valid token") == true)
        let expired = try #require(state.profiles.first { $0.state == .expired && $0.tokenFingerprint != nil })
        state.selectedName = expired.name
        #expect(press(&state, .char("Y")).isEmpty)
        #expect(state.confirmation == nil)
    }

    @Test func anAttachedViewerCannotCopy() {
        var state = Fixture.state()
        state.canCopyTokens = false
        state.modeLabel = "attached to daemon pid 42"
        #expect(press(&state, .char("y")).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.notice == "copy needs a standalone dashboard or a sink: tokens never cross the control socket")
        #expect(view(state).text.contains("attached to daemon pid 42"))
    }

    @Test func ctrlRReloadsTheProfilesFile() {
        var state = Fixture.state()
        #expect(press(&state, .ctrl("r")) == [.reload])
        #expect(state.notice == "reloading the profiles file…")
        // Not while a dialog is open.
        press(&state, .char("R"))
        #expect(press(&state, .ctrl("r")).isEmpty)
    }

    @Test func modeMessagesChangeTheHeaderLabel() {
        var state = Fixture.state()
        _ = update(&state, .mode("detached: daemon pid 42 went away"))
        #expect(state.modeLabel == "detached: daemon pid 42 went away")
        _ = update(&state, .mode(nil))
        #expect(state.modeLabel == nil)
    }

    /// Outcomes (a reload's summary, a copy) are drawn calmly; problems in the error style.
    @Test func infoNoticesAreNotDrawnAsErrors() throws {
        func footerStyles(_ msg: DashboardMsg) -> [Style] {
            var state = Fixture.state()
            _ = update(&state, msg)
            let grid = view(state)
            return grid.runs(inRow: state.size.rows - 1).filter { $0.text.contains("reloaded") }.map(\.style)
        }
        #expect(footerStyles(.info("profiles file reloaded: 1 added")) == [.footer])
        #expect(footerStyles(.notice("profiles file not reloaded")) == [.error])
        var state = Fixture.state()
        _ = update(&state, .auth(.reloaded(ReloadSummary(added: ["x"]))))
        #expect(state.noticeIsError == false)
        _ = update(&state, .auth(.reloaded(ReloadSummary(errors: ["profiles.yaml:3: bad"]))))
        #expect(state.noticeIsError == true)
    }
}
