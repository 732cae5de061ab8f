import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private tmux server (its own `-L` socket) running one command in a detached session, for
/// driving the real dashboard in a real terminal. `kill()` ends the server; call it in a defer.
final class TmuxSession: Sendable {
    let tmux: String
    let socket: String

    /// The tmux executable. Missing tmux fails the test with a clear message, never skips it
    /// (and `.ci/run` installs it), louder still when `CI` is set.
    static func executable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            throw TestFailure(
                "CI: tmux is required for the dashboard end-to-end tests but is not on PATH; .ci/run should have installed it"
            )
        }
        throw TestFailure(
            "tmux is not installed; the dashboard end-to-end tests need it (apt-get install tmux / brew install tmux)")
    }

    /// Starts `command` (run by `sh -c`) in a `cols` x `rows` window.
    init(command: String, cols: Int = 120, rows: Int = 40) throws {
        tmux = try TmuxSession.executable()
        socket = "tokentop-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        try run([
            "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(cols)", "-y", "\(rows)", "sh", "-c", command,
        ])
        try run(["set-option", "-t", "e2e", "remain-on-exit", "on"])
    }

    /// Runs `tmux -L socket arguments...` and returns its stdout. Spawned and reaped directly
    /// (posix_spawn + waitpid) with output in files: the server tmux forks off inherits the first
    /// client's descriptors and would hold a pipe open forever.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else: the test process's descriptors are not marked close-on-exec (sockets other
        // suites run in this process, their clients' connections), and the tmux server would hold
        // them open for as long as it lives: a listener that outlives its close, a peer that never
        // sees the connection end.
        #if os(Linux)
            Self.closeFrom3(&actions)
        #endif
        let argv = ([tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environment =
            ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }.map { strdup("\($0.key)=\($0.value)") } + [
                nil
            ]
        defer { for pointer in environment { free(pointer) } }
        // The calling thread may block signals (Swift's worker threads do); the tmux server would
        // inherit that mask and never see the SIGTERM `kill-server` sends it. Start clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        #if canImport(Darwin)
            posix_spawnattr_setflags(
                &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_CLOEXEC_DEFAULT))
        #else
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        #endif
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, argv, environment)
        guard spawned == 0 else { throw TestFailure("cannot start tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let stdout = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        // Exited normally with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestFailure("tmux \(arguments.joined(separator: " ")) failed (status \(status)): \(stderr)")
        }
        return stdout
    }

    #if os(Linux)
        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; not in Swift's Glibc module,
        /// so looked up by name), else one close action per descriptor open now. Test code only:
        /// tokentop itself starts commands through swift-subprocess, which does the same.
        private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"),
                unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0
            {
                return
            }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap({ Int32($0) }) where fd >= 3 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
    #endif

    /// Types `keys` (tmux key names, e.g. `q`, `Enter`, `C-l`).
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", "e2e"] + keys)
    }

    /// The visible text of the window.
    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "e2e"])
    }

    /// The visible text of the window with its colours and attributes as escape sequences.
    func captureWithEscapes() throws -> String {
        try run(["capture-pane", "-e", "-p", "-t", "e2e"])
    }

    /// Captures every 100 ms until `condition` holds (at most `limit` seconds), sleeping with
    /// `Task.sleep` in between; returns the capture that met it.
    @discardableResult
    func waitFor(_ what: String, limit: TimeInterval = 10, _ condition: (String) -> Bool) async throws -> String {
        var screen = ""
        let met = try await AsyncWait.until(limit: limit, every: .milliseconds(100)) {
            screen = try capture()
            return condition(screen)
        }
        guard met else { throw TestFailure("waited \(limit)s for \(what); the screen shows:\n\(screen)") }
        return screen
    }

    @discardableResult
    func waitFor(text: String, limit: TimeInterval = 10) async throws -> String {
        try await waitFor("'\(text)'", limit: limit) { $0.contains(text) }
    }

    /// Whether the bottom line of `screen` (a `capture()`, one line per row) has text. The dashboard
    /// draws a frame top to bottom and its footer last, and a capture can come in the middle of
    /// one: on the first frame, a drawn footer means everything above it is drawn too.
    static func bottomLineDrawn(_ screen: String) -> Bool {
        // Every row ends with a newline, the last one too.
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return rows.last.map { $0.contains { !$0.isWhitespace } } ?? false
    }

    func resize(cols: Int, rows: Int) throws {
        try run(["resize-window", "-t", "e2e", "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// Ends the server and everything in it.
    func kill() {
        _ = try? run(["kill-server"])
    }
}
