import NIOCore

/// Runs Swift tasks on a NIO event loop. `tokentop check` runs its requests here, on the loops
/// the HTTP transport reads and writes on: a request, its answer and the task awaiting it then stay
/// on one thread, where each would otherwise hop between the loop and Swift's cooperative pool
/// (an `eventfd` write to wake the loop and a semaphore post to wake the pool, several times per
/// request).
///
/// Every task preferring this executor must have finished before the loop's group shuts down: a
/// job posted to a loop that has shut down is dropped by NIO, and its task would never resume.
/// `CheckCommand` awaits all requests before it shuts the transport and its group down.
/// Work on these tasks should not block for long: a result-log `write(2)` is short, but a log on a
/// pipe whose reader stalls (`--log -` into a slow consumer) would stall every request's I/O with it.
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
