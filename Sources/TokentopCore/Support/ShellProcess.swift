import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting `/bin/sh -c COMMAND` the way tokentop runs every command (secret references, onRefresh
/// hooks): its own process group (so a timeout can kill the shell and everything it started), an
/// empty signal mask, SIGPIPE/SIGINT/SIGTERM/SIGHUP/SIGQUIT at their defaults, stdin and stderr on /dev/null, and the exact
/// environment given. Nothing secret belongs on a command line.
enum ShellProcess {
    /// How a reaped process ended.
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)

        init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        }
    }

    /// Starts the command; `stdout` is a descriptor to hand it as fd 1, or nil for /dev/null.
    /// Returns the pid (also the process group id), or the `strerror` text of the failure.
    static func spawn(
        _ command: String, stdout: Int32?, environment: [String: String]
    ) -> Result<pid_t, LaunchError> {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        #if os(Linux)
            // Nothing else crosses: not the daemon's metrics listener, control socket or HTTP
            // connections (SwiftNIO's are not close-on-exec), which a hook that leaves a process
            // behind would otherwise hold open.
            SpawnDescriptors.closeFrom3(&actions)
        #endif

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // Ignored signals stay ignored across exec: the daemon ignores SIGINT/SIGTERM/SIGHUP (it
        // takes them through signal sources), and the command must not inherit that.
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaultSignals, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, variables)
        guard result == 0 else { return .failure(LaunchError(reason: String(cString: strerror(result)))) }
        return .success(pid)
    }


    struct LaunchError: Error, Sendable, Equatable {
        var reason: String
    }

    /// The raw wait status once `pid` has exited, else nil (with `wait: false`).
    static func reap(_ pid: pid_t, wait: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, wait ? 0 : WNOHANG)
            if result == pid { return status }
            if result == -1, errno == EINTR { continue }
            if result == -1 { return 0xff00 }  // not our child any more (SIGCHLD ignored?): report exit status 255
            return nil
        }
    }

    /// Sends `signal` to the whole process group led by `pid`.
    static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
