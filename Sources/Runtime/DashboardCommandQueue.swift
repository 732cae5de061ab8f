import Dashboard
import ServiceLifecycle
import Terminal
import TokenModel

/// The dashboard's commands (keys that reach the token service) as owned work: the UI thread
/// hands each one over with `submit` and returns at once; `run()` performs every command in a
/// child task of its own group, so several can wait at once (a refresh, a reload) and none
/// outlives the run. Outcomes and failures reach the screen as notices (`DashboardCommandRunner`).
///
/// As a `Service` in the refreshing dashboard's group it sits before the refresher: it stops
/// taking commands at its turn, after the refresher has stopped and answered every waiting
/// refresh, so its children end promptly.
struct DashboardCommandQueue: Service, CustomStringConvertible {
    var description: String { "commands" }

    let service: any TokenService
    let inbox: MessageInbox
    private let commands: AsyncStream<DashboardCommand>
    private let sink: AsyncStream<DashboardCommand>.Continuation

    init(service: any TokenService, inbox: MessageInbox) {
        self.service = service
        self.inbox = inbox
        (commands, sink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Queues `command`; callable from any thread (the UI thread calls it).
    func submit(_ command: DashboardCommand) {
        sink.yield(command)
    }

    /// No more commands: `run()` returns once the ones started have finished.
    func finish() {
        sink.finish()
    }

    func run() async throws {
        let service = self.service
        let inbox = self.inbox
        await withDiscardingTaskGroup { group in
            for await command in commands.cancelOnGracefulShutdown() {
                group.addTask { await DashboardCommandRunner.perform(command, on: service, inbox: inbox) }
            }
        }
    }
}
