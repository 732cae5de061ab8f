import Control
import Testing

/// Which request needs which right, and who has it: the pure decision behind the socket's
/// read-only clients.
@Suite struct ControlAuthorityTests {
    @Test func onlyStatusAndSubscribeAreReading() {
        let reading: [ControlRequest] = [.status, .subscribe]
        let acting: [ControlRequest] = [
            .refresh("a"), .refresh("a", force: true), .refreshAll(includeRejected: false),
            .refreshAll(includeRejected: true),
            .pause("a"), .resume("a"), .togglePause("a"), .reload,
        ]
        for request in reading { #expect(!request.needsActing, "\(request)") }
        for request in acting { #expect(request.needsActing, "\(request)") }
    }

    @Test func theOwnersUserAndRootMayActOthersOnlyRead() {
        let authority = ControlAuthority(ownerUID: 1000)
        #expect(authority.mayAct(peerUID: 1000))
        #expect(authority.mayAct(peerUID: 0))
        #expect(!authority.mayAct(peerUID: 1001))
        #expect(!authority.mayAct(peerUID: 65534))
        #expect(!authority.mayAct(peerUID: nil), "unknown credentials only read")
    }

    @Test func theOptionLetsEveryoneWhoCanConnectAct() {
        let authority = ControlAuthority(ownerUID: 1000, othersMayAct: true)
        for uid: UInt32? in [1000, 0, 1001, 65534, nil] {
            #expect(authority.mayAct(peerUID: uid), "\(String(describing: uid))")
        }
    }

    @Test func aRefusalSaysWhatWhyAndWhatToDo() throws {
        let authority = ControlAuthority(ownerUID: 1000)
        #expect(authority.refusal(of: .status, peerUID: 65534) == nil)
        #expect(authority.refusal(of: .subscribe, peerUID: 65534) == nil)
        #expect(authority.refusal(of: .refresh("acme"), peerUID: 1000) == nil)
        let text = try #require(authority.refusal(of: .refresh("acme"), peerUID: 65534))
        #expect(text.contains("refused \"refresh\""))
        #expect(text.contains("uid 65534 may only read"))
        #expect(text.contains("status, subscribe"))
        #expect(text.contains("uid 1000"))
        #expect(text.contains("--socket-group-can-act"))
        #expect(authority.refusal(of: .reload, peerUID: nil)?.contains("cannot be read") == true)
        #expect(ControlAuthority(ownerUID: 1000, othersMayAct: true).refusal(of: .reload, peerUID: 65534) == nil)
    }

    @Test func theHelloSaysWhetherTheClientMayActAndOldHellosLetItAct() throws {
        let readOnly = ControlCodec.encode(
            .hello(ControlHello(version: "0.1.0", role: .daemon, pid: 9, config: "/p.yaml", profiles: 2, canAct: false))
        )
        #expect(readOnly.contains(#""canAct":false"#))
        guard case .hello(let decoded) = try ControlCodec.decode(Array(readOnly.utf8)) else {
            Issue.record("not a hello")
            return
        }
        #expect(decoded.canAct == false && !decoded.mayAct)
        let old =
            #"{"config":"/a/p.yaml","pid":9,"profiles":2,"protocol":1,"role":"daemon","type":"hello","version":"0.1.0"}"#
        guard case .hello(let before) = try ControlCodec.decode(Array(old.utf8)) else {
            Issue.record("not a hello")
            return
        }
        #expect(before.canAct == nil && before.mayAct)
    }

    @Test func forceTravelsWithARefreshAndIsLeftOutWhenFalse() throws {
        let forced = ControlCodec.encode(.request(.refresh("acme", force: true), id: .number(1)))
        #expect(forced == #"{"force":true,"id":1,"profile":"acme","type":"refresh"}"#)
        guard case .request(let request, _) = try ControlCodec.decode(Array(forced.utf8)) else {
            Issue.record("not a request")
            return
        }
        #expect(request == .refresh("acme", force: true))
        let plain = #"{"type":"refresh","profile":"acme"}"#
        guard case .request(let unforced, _) = try ControlCodec.decode(Array(plain.utf8)) else {
            Issue.record("not a request")
            return
        }
        #expect(unforced == .refresh("acme", force: false))
        #expect(ControlCodec.encode(.request(.refresh("acme"), id: nil)) == #"{"profile":"acme","type":"refresh"}"#)
    }
}
