import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a `{command: ...}` secret reference: `/bin/sh -c COMMAND` started by `ShellProcess` (own
/// process group, stdin and stderr on /dev/null), stdout read through a pipe while the command runs
/// (so large output cannot deadlock it), the whole group killed when the timeout passes. Nothing
/// secret goes on a command line.
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
    static func capture(
        _ command: String, timeout: Duration, environment: [String: String]
    ) throws(SecretReference.ResolveError) -> [UInt8] {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .commandLaunchFailed(reason: errnoText()) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
        defer { close(readEnd) }

        let pid: pid_t
        do {
            defer { close(writeEnd) }
            pid = try spawn(command, stdout: writeEnd, environment: environment)
        }
        return try collect(from: readEnd, pid: pid, timeout: timeout)
    }

    private static func spawn(
        _ command: String, stdout: Int32, environment: [String: String]
    ) throws(SecretReference.ResolveError) -> pid_t {
        switch ShellProcess.spawn(command, stdout: stdout, environment: environment) {
        case .success(let pid): return pid
        case .failure(let error): throw .commandLaunchFailed(reason: error.reason)
        }
    }

    /// Reads stdout until the command exits and the pipe closes, or kills the group at the deadline.
    private static func collect(
        from fd: Int32, pid: pid_t, timeout: Duration
    ) throws(SecretReference.ResolveError) -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var output: [UInt8] = []
        var pipeClosed = false
        var status: Int32?

        while true {
            if status == nil { status = reap(pid, wait: false) }
            if let status {
                if !pipeClosed {
                    // The shell is gone; take what is already written. Whatever it left running
                    // in the background still holds the pipe: stop it.
                    pipeClosed = drain(fd, into: &output)
                    if !pipeClosed { kill(-pid, SIGKILL) }
                }
                guard output.count <= SecretReference.sizeLimit else { throw .commandOutputTooLarge }
                return try outcome(status, output: output)
            }
            let remaining = deadline - clock.now
            if remaining <= .zero {
                kill(-pid, SIGKILL)
                _ = reap(pid, wait: true)
                throw .commandTimedOut(timeout)
            }
            let sliceMs = Int32(max(1, min(50, Int(remaining.seconds * 1000))))
            if pipeClosed {
                usleep(UInt32(min(sliceMs, 5)) * 1000)
                continue
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, sliceMs) > 0 {
                pipeClosed = drain(fd, into: &output)
                if output.count > SecretReference.sizeLimit {
                    kill(-pid, SIGKILL)
                    _ = reap(pid, wait: true)
                    throw .commandOutputTooLarge
                }
            }
        }
    }

    /// Reads everything available now; true when the pipe reached end of file.
    private static func drain(_ fd: Int32, into output: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while output.count <= SecretReference.sizeLimit {
            let count = read(fd, &chunk, chunk.count)
            if count > 0 {
                output += chunk[0..<count]
            } else if count == 0 {
                return true
            } else if errno == EINTR {
                continue
            } else {
                return errno != EAGAIN && errno != EWOULDBLOCK
            }
        }
        return false
    }

    private static func reap(_ pid: pid_t, wait: Bool) -> Int32? { ShellProcess.reap(pid, wait: wait) }

    private static func outcome(_ status: Int32, output: [UInt8]) throws(SecretReference.ResolveError) -> [UInt8] {
        switch ShellProcess.Termination(waitStatus: status) {
        case .exited(0): return output
        case .exited(let code): throw .commandFailed(status: code)
        case .signaled(let signal): throw .commandKilled(signal: signal)
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
