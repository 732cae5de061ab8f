import CNcurses
import Dashboard
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The UI thread's loop: sleeps in `poll()` on stdin and the inbox's wake-up pipe, with a
/// timeout that ends at the next wall-clock second (the countdown tick). Each message goes
/// through `update`; the screen is redrawn only after one. Commands go to `perform`, which must
/// not block (it starts tasks elsewhere).
public struct DashboardLoop: Sendable {
    public var themes: ThemeLoader
    public var environment: [String: String]
    /// Whether the terminal reports mouse clicks and the wheel (`--no-mouse` turns it off).
    public var mouse: Bool

    public init(themes: ThemeLoader, environment: [String: String], mouse: Bool = true) {
        self.themes = themes
        self.environment = environment
        self.mouse = mouse
    }

    /// Runs on a dedicated thread until the operator quits or a termination signal arrives, and
    /// always restores the terminal before returning.
    ///
    /// `state` is consumed and handed to the UI thread as the only reference to its profile
    /// list: a copy left with the caller would make the first auth event copy the whole list.
    public func run(
        state: consuming DashboardState, theme: Theme, inbox: MessageInbox,
        perform: @escaping @Sendable (DashboardCommand) -> Void
    ) async throws(TerminalError) -> LoopExit {
        let handOff = Mutex<DashboardState?>(consume state)
        let result: Result<LoopExit, TerminalError> = await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                guard let state = handOff.withLock({ $0.take() }) else { return }
                do throws(TerminalError) {
                    continuation.resume(
                        returning: .success(
                            try runHere(state: consume state, theme: theme, inbox: inbox, perform: perform)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = "tokentop-ui"
            thread.start()
        }
        return try result.get()
    }

    /// The loop on the calling thread, which becomes the one thread that calls ncurses.
    public func runHere(
        state initial: consuming DashboardState, theme initialTheme: Theme, inbox: MessageInbox,
        perform: @Sendable (DashboardCommand) -> Void
    ) throws(TerminalError) -> LoopExit {
        let screen = try Screen(theme: initialTheme, environment: environment, mouse: mouse)
        defer { screen.end() }
        // SIGQUIT (Ctrl-\ under cbreak) ends the screen like SIGTERM, so the terminal is restored.
        let handled = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT]
        for number in handled { _ = tt_signal_pipe_install(inbox.writeFD, number) }
        // The screen is restored before the handlers go: a second Ctrl-C or Ctrl-\ during the
        // teardown must not kill the process with the terminal still in the dashboard's modes.
        defer {
            screen.end()
            for number in handled { _ = tt_signal_default(number) }
        }

        var state = consume initial
        state.glyphs = screen.glyphs
        state.size = screen.size
        state.now = Date()
        var lastTick = Int(state.now.timeIntervalSince1970.rounded(.down))
        screen.draw(view(state))
        if let flash = state.openingBell { screen.ring(visual: flash) }
        state.ringAtOpen = false

        while true {
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
            ]
            let now = Date().timeIntervalSince1970
            // Just past the next whole second, so the tick shows the new second.
            var timeout = Int32(((now.rounded(.down) + 1 - now) * 1000).rounded(.up)) + 2
            // A pending Esc: wake when it has waited long enough to be the Esc key.
            if let wait = screen.escapeWait {
                let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
                timeout = min(timeout, Int32(clamping: milliseconds) + 1)
            }
            let ready = poll(&fds, 2, timeout)
            if ready < 0, errno != EINTR { throw TerminalError("poll failed: \(String(cString: strerror(errno)))") }

            var messages: [DashboardMsg] = []
            var resized = false
            if fds[1].revents != 0 {
                for byte in inbox.readWakeBytes() where byte != 0 {
                    let number = Int32(byte)
                    switch number {
                    case SIGINT, SIGTERM, SIGHUP, SIGQUIT: return .signal(number)
                    case SIGWINCH: resized = true
                    case SIGTSTP:
                        screen.suspend()
                        tt_suspend_self()
                        // Running again (SIGCONT): take the screen back.
                        _ = tt_signal_pipe_install(inbox.writeFD, SIGTSTP)
                        screen.resume()
                        resized = true
                    case SIGCONT:
                        screen.repaintNext()
                        resized = true
                    default: break
                    }
                }
                messages += inbox.drain()
            }
            if resized { screen.syncSizeWithTerminal() }
            // Always drain ncurses: it may hold keys (or a KEY_RESIZE) poll cannot see.
            for input in screen.readInputs() {
                switch input {
                case .key(let key): messages.append(.key(key))
                case .mouse(let event): messages.append(.mouse(event))
                case .resize: resized = true
                }
            }
            if resized || screen.size != state.size {
                let size = screen.size
                messages.append(.resize(cols: size.cols, rows: size.rows))
            }
            let date = Date()
            let second = Int(date.timeIntervalSince1970.rounded(.down))
            if second != lastTick {
                lastTick = second
                messages.append(.tick(date))
            }
            if messages.isEmpty { continue }

            var repaint = false
            // At most one bell (or flash) a frame, however many profiles went bad in it.
            var bell: Bool?
            for message in messages {
                for command in update(&state, message) {
                    switch command {
                    case .quit: return .quit
                    case .repaint: repaint = true
                    case .setTheme(let name):
                        let (theme, error) = themes.loadOrDefault(name)
                        screen.apply(theme)
                        if let error { _ = update(&state, .notice("theme: \(error.description)")) }
                    case .bell(let flash): bell = flash
                    case .refresh, .refreshAll, .togglePause, .copyToken, .reload: perform(command)
                    }
                }
            }
            if repaint { screen.repaintNext() }
            screen.draw(view(state))
            if let bell { screen.ring(visual: bell) }
            // Clipboard writes go to the terminal after the frame, never into it.
            for text in inbox.drainClipboard() {
                screen.writeRaw(OSC52.sequence(copying: text.reveal(), insideTmux: environment["TMUX"] != nil))
            }
        }
    }
}
