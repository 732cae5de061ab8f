import Foundation
import Runtime
import TestFixtures
import Testing

/// The text of systemd notifications, `$NOTIFY_SOCKET` and `$WATCHDOG_*` parsing, and a real
/// send to a datagram socket at a path and in the abstract namespace.
@Suite struct NotifyMessageTests {
    @Test func messagesAreNewlineSeparatedAssignments() {
        #expect(NotifyMessage.ready(status: nil).text == "READY=1")
        #expect(NotifyMessage.ready(status: "2 profiles: 2 valid").text == "READY=1\nSTATUS=2 profiles: 2 valid")
        #expect(
            NotifyMessage.reloading(monotonicMicroseconds: 12_345_678, status: "reloading").text
                == "RELOADING=1\nMONOTONIC_USEC=12345678\nSTATUS=reloading")
        #expect(NotifyMessage.stopping(status: nil).text == "STOPPING=1")
        #expect(NotifyMessage.watchdog.text == "WATCHDOG=1")
        #expect(NotifyMessage.status("x").text == "STATUS=x")
    }

    @Test func statusIsOneLineAndBounded() {
        // A newline in the status would start an assignment of its own.
        #expect(NotifyMessage.status("a\nREADY=1\r\u{1B}b").text == "STATUS=a READY=1  b")
        let long = NotifyMessage.status(String(repeating: "x", count: 500)).text
        #expect(long.count == "STATUS=".count + 200)
        #expect(!long.contains("\n"))
    }

    @Test func socketAddresses() {
        #expect(NotifySocketAddress("/run/systemd/notify") == .path("/run/systemd/notify"))
        #expect(
            NotifySocketAddress("@/org/freedesktop/systemd1/notify/42")
                == .abstract("/org/freedesktop/systemd1/notify/42"))
        #expect(NotifySocketAddress("") == nil)
        #expect(NotifySocketAddress("@") == nil)
        #expect(NotifySocketAddress("relative/notify") == nil)
        #expect(NotifySocketAddress("vsock:2:1234") == nil)
        #expect(NotifySocketAddress("/" + String(repeating: "a", count: 106)) != nil)
        #expect(NotifySocketAddress("/" + String(repeating: "a", count: 107)) == nil)
    }

    @Test func environmentParsing() {
        let pid: Int32 = 4242
        let full = NotifyEnvironment.parse(
            ["NOTIFY_SOCKET": "@notify", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4242"], pid: pid)
        #expect(full.socket == .abstract("notify"))
        #expect(full.watchdogTimeout == .seconds(30))
        #expect(full.watchdogInterval == .seconds(15))
        // The watchdog of another process (a parent that forked us) is not ours.
        #expect(
            NotifyEnvironment.parse(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], pid: pid).watchdogTimeout == nil
        )
        // Without WATCHDOG_PID it is ours; zero or garbage means none.
        #expect(NotifyEnvironment.parse(["WATCHDOG_USEC": "500000"], pid: pid).watchdogInterval == .milliseconds(250))
        #expect(NotifyEnvironment.parse(["WATCHDOG_USEC": "0"], pid: pid).watchdogTimeout == nil)
        #expect(NotifyEnvironment.parse(["WATCHDOG_USEC": "soon"], pid: pid).watchdogTimeout == nil)
        // Unset: nothing to notify, nothing to warn about; unusable: reported.
        #expect(NotifyEnvironment.parse([:], pid: pid) == NotifyEnvironment())
        let unusable = NotifyEnvironment.parse(["NOTIFY_SOCKET": "vsock:2:1"], pid: pid)
        #expect(unusable.socket == nil && unusable.unusableSocket == "vsock:2:1")
        let handedOn = NotifyEnvironment.removing(
            from: ["NOTIFY_SOCKET": "/x", "WATCHDOG_USEC": "1", "WATCHDOG_PID": "2", "PATH": "/bin"])
        #expect(handedOn == ["PATH": "/bin"])
    }

    @Test func sendsToAPathAndToAnAbstractName() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for address in [directory.file("notify"), "@tokentop-test-\(UUID().uuidString)"] {
            let receiver = try DatagramReceiver(address: address)
            defer { receiver.close() }
            let socket = NotifySocket(address: try #require(NotifySocketAddress(address)))
            #expect(socket.send(.ready(status: "1 profile: 1 valid")) == nil)
            #expect(socket.send(.watchdog) == nil)
            var waited = 0
            while receiver.messages.count < 2 && waited < 500 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            #expect(receiver.messages == ["READY=1\nSTATUS=1 profile: 1 valid", "WATCHDOG=1"])
        }
        // Nobody listening: the errno comes back, nothing blocks.
        #expect(NotifySocket(address: .path(directory.file("nobody"))).send(.watchdog) != nil)
    }
}
