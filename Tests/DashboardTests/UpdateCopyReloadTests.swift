import Dashboard
import Foundation
import Testing
import TokentopCore

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
}
