/// Waits on behalf of a request the sandbox is holding (latency or a hang), giving up early when
/// the server stops or the client hangs up.
enum HeldRequest {
    enum Outcome: Sendable, Equatable {
        case elapsed
        case serverStopping
        case clientGone
    }

    static func wait(for duration: Duration, stopping: OneShotSignal, hangup: OneShotSignal?) async -> Outcome {
        if stopping.isRaised { return .serverStopping }
        if hangup?.isRaised == true { return .clientGone }
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(for: duration)
                    return .elapsed
                } catch {
                    return .serverStopping  // only cancelled when the server's task is torn down
                }
            }
            group.addTask {
                await stopping.wait()
                return .serverStopping
            }
            if let hangup {
                group.addTask {
                    await hangup.wait()
                    return .clientGone
                }
            }
            let first = await group.next() ?? .serverStopping
            group.cancelAll()
            return first
        }
    }
}
