import Foundation
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon under a stand-in for systemd: `$NOTIFY_SOCKET` names a datagram socket this test
/// reads (in the abstract namespace, as systemd passes it), `$WATCHDOG_USEC` asks for pings.
@Suite(.serialized) struct DaemonNotifyTests {
    let secret = "S3CRET-notify-\(UUID().uuidString.prefix(8))"

    /// The sandbox answers after a second: a READY=1 sent before the first fetch would come
    /// while the sink is still missing.
    func credentials() -> String {
        """
        - accessKey: AK-notify
          secretKey: \(secret)
          lifetime: 600s
          latency: 1s
        """
    }

    func profiles(_ baseURL: String, _ scratch: Scratch) -> String {
        """
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: slow
            accessKey: AK-notify
            secretKey: \(secret)
            sink: sinks/slow.token
            onRefresh: "env > '\(scratch.path)/hook-env.txt'"
        """
    }

    @Test func readyAfterTheFirstFetchReloadingAroundSighupWatchdogAndStopping() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, scratch))
        let sink = scratch.path + "/sinks/slow.token"
        let receiver = try DatagramReceiver(address: "@tokentop-e2e-notify-\(UUID().uuidString)")
        defer { receiver.close() }
        func ready() -> [String] { receiver.messages.filter { $0.hasPrefix("READY=1") } }

        let daemon = try await DaemonProcess(
            config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
            environment: ["NOTIFY_SOCKET": receiver.address, "WATCHDOG_USEC": "1000000"])
        defer { daemon.stop() }

        // READY=1 once the first token is in its sink and the hook has run, and not before.
        #expect(try await daemon.wait(upTo: 20) { !ready().isEmpty }, "\(receiver.messages) \(daemon.printed)")
        #expect(FileManager.default.fileExists(atPath: sink), "READY=1 came before the sink was written")
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/hook-env.txt"))
        #expect(ready().first == "READY=1\nSTATUS=1 profile: 1 valid")
        let readyIndex = try #require(receiver.messages.firstIndex { $0.hasPrefix("READY=1") })
        #expect(!receiver.messages[..<readyIndex].contains { $0.contains("READY") || $0.contains("RELOADING") })

        // The hook did not inherit systemd's variables.
        let hookEnvironment = try scratch.read("hook-env.txt")
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { #expect(!hookEnvironment.contains(name)) }

        // WATCHDOG_USEC=1000000 asks for a ping every half second.
        let pings = receiver.messages.count { $0 == "WATCHDOG=1" }
        #expect(try await daemon.wait(upTo: 5) { receiver.messages.count { $0 == "WATCHDOG=1" } >= pings + 2 })

        // SIGHUP: RELOADING=1 (with the monotonic time), then READY=1 again.
        let before = receiver.messages.count
        daemon.send(SIGHUP)
        #expect(try await daemon.wait(upTo: 10) { ready().count == 2 }, "\(receiver.messages)")
        let reload = receiver.messages[before...].filter { $0 != "WATCHDOG=1" }
        #expect(reload.count == 2, "\(reload)")
        let reloading = try #require(reload.first)
        #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
        let stamp = reloading.split(separator: "\n")[1].dropFirst("MONOTONIC_USEC=".count)
        #expect(UInt64(stamp) != nil && UInt64(stamp) != 0)
        #expect(reload.last?.hasPrefix("READY=1\nSTATUS=reloaded;") == true)

        // SIGTERM: STOPPING=1 and a clean exit.
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(try await daemon.wait(upTo: 2) { receiver.messages.contains("STOPPING=1\nSTATUS=stopping") })
        let all = receiver.messages.joined(separator: "\n")
        #expect(!all.contains(secret))
        #expect(!all.contains(try String(contentsOfFile: sink, encoding: .utf8).trimmingCharacters(in: .newlines)))
    }

    /// An address it cannot send to (systemd's `vsock:`) is reported once; the daemon runs on.
    @Test func anUnusableNotifySocketIsReported() async throws {
        let scratch = try Scratch()
        let daemon = try BackgroundProcess(
            ["daemon", "--demo", "--socket", scratch.path + "/daemon.sock"],
            environment: scratch.environment.merging(["NOTIFY_SOCKET": "vsock:2:9"]) { $1 })
        defer { daemon.stop() }
        _ = try await daemon.waitForLine(containing: "NOTIFY_SOCKET=vsock:2:9 is not a Unix socket address")
        _ = try await daemon.waitForLine(containing: "daemon started")
        #expect(try await daemon.stopAndWait() == 0)
    }
}
