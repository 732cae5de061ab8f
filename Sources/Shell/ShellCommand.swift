import Subprocess

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `/bin/sh -c COMMAND` the way tokentop runs every command (`{command:}` secrets, `onRefresh`
/// hooks), through swift-subprocess:
/// - its own process group (`processGroupID = 0`), so a timeout reaches the shell and all it started;
/// - stdin and stderr on /dev/null; stdout captured up to a limit, or on /dev/null too;
/// - exactly the environment given (nothing inherited by accident);
/// - no descriptor beyond 0-2 (Subprocess closes the rest with `posix_spawn`'s close-from action),
///   and every signal at its default with an empty mask (the daemon ignores SIGINT/SIGTERM/SIGHUP,
///   which would otherwise be inherited ignored across exec).
///
/// At the timeout the task running the command is cancelled and Subprocess performs the teardown
/// given (signals to the whole group, ending with SIGKILL to the group). Nothing secret belongs on
/// the command line.
public enum ShellCommand {
    /// How one run ended.
    public struct Outcome: Sendable {
        /// nil when the command could not start, or ended in an error (see `failure`).
        public var status: TerminationStatus?
        public var output: [UInt8] = []
        public var timedOut = false
        public var failure: Failure?
    }

    public enum Failure: Sendable, Equatable {
        case launch(String)
        case outputTooLarge
    }

    /// Runs `command`; its stdout is returned when `captureLimit` is given (more is `outputTooLarge`),
    /// else it goes to /dev/null.
    ///
    /// Only the timeout stops it: cancelling the calling task does not (a hook that was started
    /// runs to its end or its timeout, as a daemon stopping on SIGTERM promises), so the run
    /// happens in a task of its own that the caller awaits.
    public static func run(
        _ command: String, environment: [String: String], timeout: Duration, captureLimit: Int?,
        teardown: [TeardownStep]
    ) async -> Outcome {
        await Task {
            await runWithTimeout(
                command, environment: environment, timeout: timeout, captureLimit: captureLimit, teardown: teardown)
        }.value
    }

    private static func runWithTimeout(
        _ command: String, environment: [String: String], timeout: Duration, captureLimit: Int?,
        teardown: [TeardownStep]
    ) async -> Outcome {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = teardown
        let configuration = Configuration(
            executable: .path("/bin/sh"), arguments: ["-c", command],
            environment: .custom(
                Dictionary(
                    uniqueKeysWithValues: environment.compactMap { name, value in
                        Environment.Key(rawValue: name).map { ($0, value) }
                    })),
            platformOptions: options)
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                // The shell's process id, known once it has started, so its group is killed after
                // every outcome, thrown errors included.
                var shell: ProcessIdentifier?
                defer { if let shell { killLeftovers(shell) } }
                do {
                    if let captureLimit {
                        let result = try await Subprocess.run(
                            configuration, input: .none, output: .bytes(limit: captureLimit), error: .discarded
                        ) { execution in shell = execution.processIdentifier }
                        return Outcome(status: result.terminationStatus, output: result.standardOutput)
                    }
                    let result = try await Subprocess.run(
                        configuration, input: .none, output: .discarded, error: .discarded
                    ) { execution in shell = execution.processIdentifier }
                    return Outcome(status: result.terminationStatus)
                } catch let error as SubprocessError where error.code == .outputLimitExceeded {
                    return Outcome(failure: .outputTooLarge)
                } catch {
                    return Outcome(failure: .launch("\(error)"))
                }
            }
            group.addTask {
                // nil: the timeout passed. Cancelled (the command finished first): not looked at.
                guard (try? await Task.sleep(for: timeout)) != nil else { return Outcome() }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            // The timeout won: cancelling the run performs the teardown; its outcome (the status
            // the signal left) follows once the shell is reaped.
            var outcome = Outcome()
            while let next = await group.next() {
                if let next { outcome = next }
            }
            outcome.timedOut = true
            return outcome
        }
    }

    /// SIGKILL to what the shell left running in its group after it was reaped (a background job),
    /// whether the run returned or threw (output over the limit, a failure, the timeout).
    ///
    /// Subprocess's teardown only runs while the shell itself is alive, and it has no way to signal
    /// a group whose leader was reaped; this one `kill(2)` is the
    /// smallest code for that piece. The group id stays reserved while any member lives, so it
    /// names that group; when none is left, the call finds nothing.
    private static func killLeftovers(_ process: ProcessIdentifier) {
        _ = kill(-process.value, SIGKILL)
    }
}
