import CPty
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program running on its own pseudo-terminal, measured from outside: the bytes it writes to
/// the terminal (read from the master side), its CPU time and memory from /proc while it runs,
/// and its rusage once reaped.
final class PtyProcess {
    let label: String
    let pid: pid_t
    private(set) var master: Int32
    private(set) var bytesRead = 0
    /// Set once the child has been reaped.
    private(set) var exit: ExitInfo?
    /// Bytes kept for inspection when `capture` is on (the keys and start-up scenarios).
    var captured: [UInt8] = []
    var capture: Bool
    let started: ContinuousClock.Instant

    struct ExitInfo {
        var description: String
        var status: Int32
        var maxRSSKiB: Int
        var cpuSeconds: Double
    }

    init(
        label: String, executable: String, arguments: [String], environment: [String: String],
        size: TerminalSize = .standard, capture: Bool = false
    ) throws {
        self.label = label
        self.capture = capture
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var fd: Int32 = -1
        let child = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                tt_spawn_on_pty(
                    executable, argvBuffer.baseAddress, envpBuffer.baseAddress, size.rows, size.columns, &fd)
            }
        }
        guard child > 0 else {
            throw BenchError("cannot start \(executable) on a pty: \(String(cString: strerror(errno)))")
        }
        pid = child
        master = fd
        started = .now
    }

    deinit {
        if exit == nil {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if master >= 0 { close(master) }
    }

    var isRunning: Bool {
        reap()
        return exit == nil
    }

    /// Reads whatever is waiting on the master without blocking; returns the number of bytes.
    @discardableResult
    func drain() -> Int {
        guard master >= 0 else { return 0 }
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                total += count
                if capture { captured.append(contentsOf: buffer[0..<count]) }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            // EAGAIN: nothing more now. EIO or 0: the slave side is gone (the child exited).
            if count == 0 || (count < 0 && errno != EAGAIN) {
                close(master)
                master = -1
            }
            break
        }
        bytesRead += total
        return total
    }

    /// Writes bytes to the program as if typed.
    func type(_ bytes: [UInt8]) {
        guard master >= 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else if errno != EINTR && errno != EAGAIN { return }
        }
    }

    /// Reaps the child if it has exited (never blocks).
    func reap() {
        guard exit == nil else { return }
        var status: Int32 = 0
        var usage = rusage()
        guard tt_reap(pid, &status, &usage) == pid else { return }
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
        let description: String
        if tt_exited(status) != 0 {
            description = "exit \(tt_exit_status(status))"
        } else if tt_signaled(status) != 0 {
            description = "signal \(tt_term_signal(status))"
        } else {
            description = "status \(status)"
        }
        exit = ExitInfo(
            description: description, status: tt_exited(status) != 0 ? tt_exit_status(status) : -1,
            maxRSSKiB: usage.ru_maxrss, cpuSeconds: cpu)
    }

    /// Waits (draining the terminal) until the child exits, at most `limit`; true if it did.
    @discardableResult
    func wait(limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            reap()
            if exit != nil {
                drain()
                return true
            }
            PtyProcess.pump([self], until: min(deadline, .now + .milliseconds(20)))
        }
        reap()
        return exit != nil
    }

    /// SIGTERM to the program's process group, then SIGKILL if it has not gone after `grace`.
    func stop(grace: Duration = .seconds(5)) {
        reap()
        guard exit == nil else { return }
        kill(-pid, SIGTERM)
        if wait(limit: grace) { return }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        wait(limit: .seconds(5))
    }

    /// Drains every program's terminal until `deadline`, sleeping in poll() in between.
    static func pump(_ processes: [PtyProcess], until deadline: ContinuousClock.Instant) {
        while true {
            for process in processes { process.drain() }
            let now = ContinuousClock.now
            if now >= deadline { return }
            var fds = processes.filter { $0.master >= 0 }.map {
                pollfd(fd: $0.master, events: Int16(POLLIN), revents: 0)
            }
            let wait = deadline - now
            let milliseconds = Int32(min(1000, max(1, wait.wholeMilliseconds)))
            if fds.isEmpty {
                usleep(UInt32(milliseconds) * 1000)
            } else {
                _ = poll(&fds, nfds_t(fds.count), milliseconds)
            }
        }
    }
}
