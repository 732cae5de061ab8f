import Control
import Foundation
import Testing

/// A server of another protocol version is named as such at once, not reported as silent.
@Suite struct ControlHelloTests {
    @Test func aNewerProtocolIsReportedAsSuchAndQuickly() async throws {
        let directory = try SocketDirectory()
        // A future hello: other fields, some of ours missing.
        let listener = try RawListener(
            path: directory.socket(),
            greeting: #"{"type":"hello","protocol":2,"role":"daemon","capabilities":["x"]}"# + "\n")
        let started = ContinuousClock.now
        do throws(ControlError) {
            // A long timeout, so "reported at once" and "waited for the timeout" cannot be
            // confused on a loaded machine.
            let client = try await ControlClient.connect(path: listener.path, timeout: .seconds(60))
            client.close()
            Issue.record("connected to a protocol 2 server")
        } catch {
            #expect(error.kind == .mismatch)
            #expect(error.description.contains("daemon speaks protocol 2, this tokentop speaks 1"), "\(error)")
            #expect(error.description.contains("upgrade"), "\(error)")
            #expect(!error.description.contains("no hello"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(20), "waited for a hello that had come")
    }

    @Test func aCompleteHelloOfAnotherVersionIsRefusedWithTheSameWords() async throws {
        let directory = try SocketDirectory()
        let listener = try RawListener(
            path: directory.socket(),
            greeting:
                #"{"type":"hello","protocol":3,"version":"9.0.0","role":"dashboard","pid":1,"config":"/p.yaml","profiles":1}"#
                + "\n")
        do throws(ControlError) {
            let client = try await ControlClient.connect(path: listener.path)
            client.close()
            Issue.record("connected to a protocol 3 server")
        } catch {
            #expect(error.kind == .mismatch)
            #expect(
                error.description.contains(
                    "dashboard speaks protocol 3, this tokentop speaks 1 — upgrade this tokentop"), "\(error)")
        }
    }
}
