import Dispatch
import Foundation
import Synchronization
import TestFixtures
import Testing

@testable import Profiles
@testable import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// The profiles file itself must be a regular file: a FIFO at its path is refused at once
/// instead of blocking `validate`, start-up or a reload for ever.
@Suite struct ProfilesFileKindTests {
    @Test func aFIFOAsTheProfilesFileIsRefusedAtOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("profiles.yaml")
        #expect(mkfifo(path, 0o600) == 0)
        // Loaded on a thread of its own, so a regression hangs that thread, not the test run.
        let outcome = Mutex<String?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            let text: String
            do {
                _ = try ProfilesLoader.load(path: path, environment: [:])
                text = "loaded"
            } catch let error as ConfigError {
                text = error.diagnostics.map(\.description).joined(separator: "; ")
            } catch {
                text = "\(error)"
            }
            outcome.withLock { $0 = text }
            finished.signal()
        }.start()
        #expect(finished.wait(timeout: .now() + 10) == .success, "loading a FIFO did not return")
        let message = try #require(outcome.withLock { $0 })
        #expect(message.contains("is not a regular file (a FIFO, socket or device)"), "\(message)")
    }
}
