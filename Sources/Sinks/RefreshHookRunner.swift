import Foundation
import Shell
import Subprocess
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a profile's `onRefresh` command after its sink was written: `/bin/sh -c` through
/// `ShellCommand` (swift-subprocess: own process group, stdin/stdout/stderr on /dev/null: its
/// output could hold the token it read, so it is never captured or logged). At the timeout the
/// group gets SIGTERM, and SIGKILL `killGrace` later. Asynchronous: waiting for a hook holds no
/// thread.
public enum RefreshHookRunner {
    /// How long a group has between SIGTERM and SIGKILL after its timeout.
    static let killGrace: Duration = .milliseconds(500)

    public struct Result: Sendable, Equatable {
        /// The shell's exit status; nil when it was killed by a signal or could not start.
        public var exitCode: Int32?
        /// The signal that ended it, if any (SIGTERM/SIGKILL after a timeout).
        public var signal: Int32?
        public var timedOut: Bool
        public var duration: Duration
        /// Why it could not start, when it did not.
        public var launchError: String?

        public var succeeded: Bool { exitCode == 0 && !timedOut }

        /// `exit 0`, `exit 3`, `timed out after 10s (killed)`, `killed by signal 9`, `could not start: ...`
        public var summary: String {
            if let launchError { return "could not start: \(launchError)" }
            if timedOut { return "timed out after \(DurationText.format(duration)) (killed)" }
            if let exitCode { return "exit \(exitCode)" }
            return "killed by signal \(signal ?? 0)"
        }
    }

    /// What a hook inherits from tokentop's own environment: only these names (and `LC_*`).
    /// Everything else is left out on purpose: tokentop's environment holds the `{env: ...}`
    /// secrets of every profile, and a hook (and all it starts) must not see them.
    static let inherited: Set<String> = [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "XDG_RUNTIME_DIR",
        "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "DBUS_SESSION_BUS_ADDRESS",
    ]

    /// The variables a hook gets: the allow-listed part of `base`, plus where to read the token
    /// (never the token itself).
    public static func environment(
        base: [String: String], profile: String, sink: TokenSink, token: IssuedToken
    ) -> [String: String] {
        var environment = base.filter { inherited.contains($0.key) || $0.key.hasPrefix("LC_") }
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        environment["TOKENTOP_PROFILE"] = profile
        environment["TOKENTOP_SINK"] = sink.path
        environment["TOKENTOP_SINK_FORMAT"] = sink.format.rawValue
        environment["TOKENTOP_EXPIRES_AT"] = ISOTime.format(token.expiresAt)
        environment["TOKENTOP_TOKEN_FINGERPRINT"] = token.fingerprint
        return environment
    }

    /// Runs `hook` with `environment` and waits for it (at most its timeout plus the kill grace).
    public static func run(_ hook: RefreshHook, environment: [String: String]) async -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await ShellCommand.run(
            hook.command, environment: environment, timeout: hook.timeout, captureLimit: nil,
            teardown: [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: killGrace)])
        let duration = clock.now - started
        if case .launch(let reason) = outcome.failure {
            return Result(exitCode: nil, signal: nil, timedOut: false, duration: .zero, launchError: reason)
        }
        switch outcome.status {
        case .exited(let code):
            return Result(exitCode: code, signal: nil, timedOut: outcome.timedOut, duration: duration, launchError: nil)
        case .signaled(let signal):
            return Result(
                exitCode: nil, signal: signal, timedOut: outcome.timedOut, duration: duration, launchError: nil)
        case nil:
            return Result(
                exitCode: nil, signal: nil, timedOut: outcome.timedOut, duration: duration,
                launchError: "no exit status")
        }
    }
}
