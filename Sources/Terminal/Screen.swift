import CNcurses
import Dashboard
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ncurses screen. Not thread-safe, like ncurses itself: create it, use it and end it on the
/// one UI thread (it is deliberately not `Sendable`).
final class Screen {
    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let environment: [String: String]
    private var defaultColors = false
    private var hasColor = false
    private var palette: StylePalette
    private var ended = false
    /// What the screen is drawn with: Unicode under a UTF-8 locale, else ASCII (see `ScreenLocale`).
    let glyphs: Glyphs
    /// Escape sequences are decoded here, not by ncurses' terminfo-driven keypad mode.
    private var keys = EscapeSequenceDecoder()
    /// When the last character arrived, for the lone-Esc timeout.
    private var lastInput = ContinuousClock.now
    /// How long a lone Esc waits for the rest of a sequence before it counts as the Esc key:
    /// `ESCDELAY` milliseconds (ncurses' variable, for a slow link) or 25 ms.
    let escapeDelay: Duration
    /// How long a started sequence (`ESC [ 6`) waits for its end before it is dropped.
    static let sequenceDelay = Duration.seconds(1)
    /// Whether the terminal reports the mouse to us (off with `--no-mouse`).
    private let mouse: Bool
    /// Mouse reporting on: button presses and the wheel (mode 1000), in the SGR encoding (1006,
    /// no limit at column 223). Written as escape sequences rather than through `mousemask`:
    /// keypad mode is off, so ncurses would not decode the reports anyway (`EscapeSequenceDecoder`
    /// does), and its terminfo-driven setup enables nothing under TERM=vt100 or screen, while
    /// tmux, xterm-likes and terminals over SSH all understand these.
    static let mouseOn: [UInt8] = Array("\u{1B}[?1000h\u{1B}[?1006h".utf8)
    /// Mouse reporting off again, in the reverse order.
    static let mouseOff: [UInt8] = Array("\u{1B}[?1006l\u{1B}[?1000l".utf8)

    /// Takes over the terminal on stdin/stdout: locale, raw-ish input, no echo, hidden cursor,
    /// colours for `theme`.
    init(theme: Theme, environment: [String: String], locale: ScreenLocale = .system, mouse: Bool = true)
        throws(TerminalError)
    {
        self.environment = environment
        let escapeMilliseconds = Self.escapeDelayMilliseconds(environment)
        escapeDelay = .milliseconds(escapeMilliseconds)
        self.mouse = mouse
        setlocale(LC_ALL, "")
        // TOKENTOP_ASCII=1: ASCII under the environment's own locale, for a terminal that cannot
        // show UTF-8 whatever the locale says (and to try the fallback where C.UTF-8 exists).
        glyphs = environment["TOKENTOP_ASCII"] == "1" ? .ascii : locale.choose()
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else {
            throw TerminalError("cannot open the terminal's standard streams")
        }
        guard let screen = newterm(nil, output, input) else {
            // The streams wrap fds 0 and 1, which stay open for error messages: not closed here.
            let term = environment["TERM"] ?? "(unset)"
            throw TerminalError("ncurses cannot drive TERM=\(term); try TERM=xterm-256color, or use `tokentop check`")
        }
        self.screen = screen
        self.output = output
        self.input = input
        _ = set_term(screen)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        // Keys arrive as the characters the terminal sends; `EscapeSequenceDecoder` reads the
        // sequences whatever terminfo says about them.
        _ = keypad(tt_stdscr(), false)
        _ = nodelay(tt_stdscr(), true)
        _ = curs_set(0)
        // The cursor is hidden: do not move it back after every update (a cursor address less
        // on the wire per frame).
        _ = leaveok(tt_stdscr(), true)
        _ = set_escdelay(Int32(escapeMilliseconds))
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if has_colors(), !noColor {
            _ = start_color()
            hasColor = true
            defaultColors = use_default_colors() == tt_ok()
        }
        palette = StylePalette(theme: theme, depth: .none, defaultColors: false, maximumPairs: 0, colors: 0)
        apply(theme)
        if mouse { writeRaw(Self.mouseOn) }
    }

    deinit { end() }

    /// The terminal's size as ncurses sees it.
    var size: TerminalSize { TerminalSize(cols: Int(tt_cols()), rows: Int(tt_lines())) }

    /// The colour depth drawn with: what the environment allows, capped at what ncurses can show.
    var depth: ColorDepth {
        guard hasColor else { return .none }
        let colors = Int(tt_colors())
        let detected = ColorDepth.detect(environment: environment, colors: colors)
        // 24-bit colour needs a direct-colour terminfo entry; with a 256-colour one, use the palette.
        return detected == .truecolor && colors < ColorDepth.truecolor.rawValue ? .c256 : detected
    }

    /// Rebuilds colour pairs and the background for `theme`.
    func apply(_ theme: Theme) {
        palette = StylePalette(
            theme: theme, depth: depth, defaultColors: defaultColors,
            maximumPairs: hasColor ? Int(tt_color_pairs()) : 0, colors: Int(tt_colors()))
        let normal = palette.look(.normal)
        _ = tt_set_background(normal.attributes, normal.pair)
    }

    /// Draws `grid`: erase, one run of a style at a time, then a single `doupdate`, so only what
    /// changed goes to the terminal.
    func draw(_ grid: CellGrid) {
        _ = werase(tt_stdscr())
        let rows = min(grid.rows, Int(tt_lines()))
        for row in 0..<rows {
            for run in grid.runs(inRow: row) {
                let look = palette.look(run.style)
                var text = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                let count = Int32(text.count)
                text.append(0)
                // The bottom-right cell returns ERR (the cursor cannot advance); it is still drawn.
                _ = tt_draw(Int32(row), Int32(run.col), &text, count, look.attributes, look.pair)
            }
        }
        _ = wnoutrefresh(tt_stdscr())
        _ = doupdate()
    }

    /// Writes bytes that are not part of the picture (an OSC 52 clipboard sequence) straight to
    /// the terminal, after what curses has buffered.
    func writeRaw(_ bytes: [UInt8]) {
        fflush(output)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Tells the operator something went wrong: the terminal bell (BEL, through ncurses' `beep`,
    /// which flashes on a terminal without one), or with `visual` a flash of the screen.
    func ring(visual: Bool) {
        _ = visual ? flash() : beep()
    }

    /// The next `draw` repaints every cell (Ctrl-L, after a suspend).
    func repaintNext() {
        _ = clearok(tt_stdscr(), true)
    }

    /// Everything typed so far (non-blocking). A lone Esc is held back until `escapeDelay` has
    /// passed without another character.
    func readInputs() -> [KeyDecoder.Input] {
        var inputs: [KeyDecoder.Input] = []
        var read = 0
        while read < 256 {
            var value: wint_t = 0
            let status = wget_wch(tt_stdscr(), &value)
            if status == tt_err() { break }
            read += 1
            if status == tt_key_code_yes() {
                if let input = KeyDecoder.decodeKeyCode(Int32(bitPattern: UInt32(value))) { inputs.append(input) }
            } else if status == tt_ok() {
                // With --no-mouse a report that still arrives (typed or pasted) is read whole and dropped.
                inputs += keys.input(UInt32(value)).filter { input in
                    if case .mouse = input { return mouse }
                    return true
                }
            }
        }
        let now = ContinuousClock.now
        if read > 0 {
            lastInput = now
        } else if let limit = keys.quietLimit(escape: escapeDelay, sequence: Self.sequenceDelay),
            lastInput.duration(to: now) >= limit
        {
            inputs += keys.flush().map { .key($0) }
        }
        return inputs
    }

    /// How long until a pending Esc counts as the Esc key (or a started sequence is dropped);
    /// nil when none is pending.
    var escapeWait: Duration? {
        guard let limit = keys.quietLimit(escape: escapeDelay, sequence: Self.sequenceDelay) else { return nil }
        return max(.zero, limit - lastInput.duration(to: ContinuousClock.now))
    }

    /// `ESCDELAY` (milliseconds, 1 to 1000) when set to such a number, else 25.
    static func escapeDelayMilliseconds(_ environment: [String: String]) -> Int {
        guard let text = environment["ESCDELAY"], let milliseconds = Int(text), (1...1000).contains(milliseconds) else {
            return 25
        }
        return milliseconds
    }

    /// Asks the kernel for the window size and tells ncurses (after SIGWINCH).
    func syncSizeWithTerminal() {
        var window = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &window) == 0 || ioctl(0, UInt(TIOCGWINSZ), &window) == 0,
            window.ws_row > 0, window.ws_col > 0
        else { return }
        if Int32(window.ws_row) != tt_lines() || Int32(window.ws_col) != tt_cols() {
            _ = resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
    }

    /// Gives the terminal back for a while (Ctrl-Z).
    func suspend() {
        if mouse { writeRaw(Self.mouseOff) }
        _ = endwin()
    }

    /// Takes the terminal again after `suspend`; the next draw repaints everything.
    func resume() {
        _ = wrefresh(tt_stdscr())
        if mouse { writeRaw(Self.mouseOn) }
        syncSizeWithTerminal()
        repaintNext()
    }

    /// Restores the terminal for good. Safe to call more than once.
    func end() {
        guard !ended else { return }
        ended = true
        if mouse { writeRaw(Self.mouseOff) }
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
        fflush(output)
    }
}
