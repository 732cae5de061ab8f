import Foundation
import Synchronization

/// Drains both pipes on background threads so a chatty child never blocks on a full pipe.
final class OutputCollector: Sendable {
    private let buffers = Mutex<(Data, Data)>((Data(), Data()))
    private let done = DispatchGroup()

    init(out: Pipe, err: Pipe) {
        for (index, pipe) in [out, err].enumerated() {
            done.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                let data = handle.readDataToEndOfFile()
                self.buffers.withLock { if index == 0 { $0.0 = data } else { $0.1 = data } }
                self.done.leave()
            }
        }
    }

    /// Both pipes' contents once they reached end of file; waits without holding a thread.
    func finish() async -> (String, String) {
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        return buffers.withLock { (String(decoding: $0.0, as: UTF8.self), String(decoding: $0.1, as: UTF8.self)) }
    }
}
