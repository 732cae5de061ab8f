import Control
import Foundation
import Logging
import ResultLog
import TestFixtures
import Testing

@testable import Runtime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real owner, its refresher fetching from the demo sandbox on loopback, stopped through the
/// one stop sequence: nothing is left behind.
@Suite struct OwnerStopTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func anOwnerStopsInOrderAndLeavesNothingBehind() async throws {
        let scratch = try ScratchDirectory()
        let loaded = try await ProfileSource(config: nil, demo: true, strict: false)
            .load(environment: scratch.environment, logger: Self.quiet)
        let port = try #require(loaded.sandbox?.port)
        #expect(Self.accepts(port: port))
        let config = try scratch.write("profiles.yaml", "profiles: []\n")
        let instance = InstanceDirectory(configPath: config, environment: scratch.environment)
        _ = try instance.create()
        let resultLog = try ResultLog(destination: .file(scratch.path + "/results.jsonl"))
        let owner = try await OwnerRun.start(
            loaded, instance: instance, resultLog: resultLog, environment: scratch.environment, strict: false,
            logger: Self.quiet)
        let socket = scratch.path + "/o.sock"
        let control = try await ControlServer.bind(
            path: socket, service: owner.reloads.tokenService(trigger: "socket"), role: .daemon, config: config)
        try owner.publishOwner(role: .daemon, socket: socket)
        #expect(FileManager.default.fileExists(atPath: instance.ownerPath))

        let recorder = StopRecorder()
        let forwarder = EventForwarder(events: await owner.refresher.auth.events(), drains: true) { event in
            if case .attemptFinished = event { recorder.record("attempt") }
        }
        let parts = OwnerParts(
            control: control, ownerPath: instance.ownerPath, events: forwarder,
            onStarted: { recorder.record("started") })
        _ = try await owner.run(parts) { _ in
            let deadline = ContinuousClock.now + .seconds(15)
            while !recorder.order.contains("attempt") && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            // The socket serves until the stop.
            if let client = try? await ControlClient.connect(path: socket, expectedConfig: config) {
                recorder.record("client \(client.hello.role.rawValue)")
                client.close()
            }
        }

        #expect(recorder.order.first == "started")
        #expect(recorder.order.contains("attempt"))
        #expect(recorder.order.contains("client daemon"))
        // The socket closed and owner.json removed.
        #expect(!FileManager.default.fileExists(atPath: socket))
        #expect(!FileManager.default.fileExists(atPath: instance.ownerPath))
        // The refresher stopped: a new follower's stream ends at once.
        var late = await owner.refresher.auth.events().makeAsyncIterator()
        #expect(await late.next().map { "\($0)" } == nil)
        // The sandbox stopped: nothing listens on its port any more.
        #expect(!Self.accepts(port: port))
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
