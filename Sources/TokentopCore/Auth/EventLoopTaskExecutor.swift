import NIOCore

/// Runs Swift tasks on a NIO event loop. `tokentop check` runs its requests here, on the loops
/// AsyncHTTPClient reads and writes on: a request, its answer and the task awaiting it then stay
/// on one thread, where each would otherwise hop between the loop and Swift's cooperative pool
/// (an `eventfd` write to wake the loop and a semaphore post to wake the pool, several times per
/// request).
@available(macOS 15.0, *)
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
