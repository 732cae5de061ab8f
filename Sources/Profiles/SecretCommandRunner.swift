import Dispatch
import Foundation
import Shell
import Subprocess
import Synchronization

/// Runs a `{command: ...}` secret reference: `/bin/sh -c COMMAND` through `ShellCommand`
/// (swift-subprocess: own process group, stdin and stderr on /dev/null, no inherited descriptors),
/// stdout captured up to `SecretReference.sizeLimit`, the whole group killed when the timeout
/// passes. Nothing secret goes on a command line.
enum SecretCommandRunner {
    /// The command's stdout, trimmed; it must be one non-empty line of UTF-8 text.
    static func run(
        _ command: String, timeout: Duration, environment: [String: String]
    ) throws(SecretReference.ResolveError) -> String {
        let bytes = try capture(command, timeout: timeout, environment: environment)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .commandOutputNotText }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .commandEmpty }
        let lines = trimmed.split(whereSeparator: \.isNewline)
        guard lines.count == 1 else { throw .commandMultiline(lines: lines.count) }
        return trimmed
    }

    /// Raw stdout of a command that exited with status 0.
    ///
    /// Blocking: profiles are read synchronously (every diagnostic goes into one log), so this
    /// thread waits for the command while Subprocess runs it on Swift's concurrency threads. Call
    /// it on a thread of its own (`BlockingWork`), never from a task on the cooperative pool,
    /// which the command's own tasks need.
    static func capture(
        _ command: String, timeout: Duration, environment: [String: String]
    ) throws(SecretReference.ResolveError) -> [UInt8] {
        let handoff = Handoff()
        Task.detached {
            let outcome = await capture(command, timeout: timeout, environment: environment)
            handoff.result.withLock { $0 = outcome }
            handoff.done.signal()
        }
        handoff.done.wait()
        guard let outcome = handoff.result.withLock({ $0 }) else { throw .commandLaunchFailed(reason: "no result") }
        return try outcome.get()
    }

    /// The result of the asynchronous run, handed to the waiting thread.
    private final class Handoff: Sendable {
        let result = Mutex<Result<[UInt8], SecretReference.ResolveError>?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    /// Raw stdout of a command that exited with status 0, or why there is none.
    static func capture(
        _ command: String, timeout: Duration, environment: [String: String]
    ) async -> Result<[UInt8], SecretReference.ResolveError> {
        let outcome = await ShellCommand.run(
            command, environment: environment, timeout: timeout, captureLimit: SecretReference.sizeLimit,
            teardown: [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .zero)])
        if outcome.timedOut { return .failure(.commandTimedOut(timeout)) }
        switch outcome.failure {
        case .outputTooLarge: return .failure(.commandOutputTooLarge)
        case .launch(let reason): return .failure(.commandLaunchFailed(reason: reason))
        case nil: break
        }
        switch outcome.status {
        case .exited(0): return .success(outcome.output)
        case .exited(let code): return .failure(.commandFailed(status: code))
        case .signaled(let signal): return .failure(.commandKilled(signal: signal))
        case nil: return .failure(.commandLaunchFailed(reason: "no exit status"))
        }
    }
}
