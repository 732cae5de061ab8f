import Foundation

/// A `TmuxSession` running a tokentop dashboard whose every output byte is also recorded
/// (`pipe-pane` into a file, started before the dashboard writes anything), and whose screens,
/// escapes included (`capture-pane -e`), are saved on request.
final class RecordedTmux: Sendable {
    let tmux: TmuxSession
    let rawPath: String
    private let directory: String
    private let name: String

    /// Starts `sh -c` running tokentop with `arguments` and `environment` (exported), in
    /// `workingDirectory`; the shell prints `EXIT=<status>` afterwards. `clipboard` turns tmux's
    /// `set-clipboard` on, so an OSC 52 copy lands in its buffer; `umask` is set before tokentop starts.
    init(
        arguments: [String], environment: [String: String], workingDirectory: String, captures directory: String,
        name: String, clipboard: Bool = false, umask: String? = nil
    ) throws {
        let binary = try Binary.path()
        let go = directory + "/" + name + ".go"
        rawPath = directory + "/" + name + ".raw"
        self.directory = directory
        self.name = name
        func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)=\(quote($0.value))" }.joined(
            separator: "; ")
        let command = """
            trap : INT; while [ ! -e \(quote(go)) ]; do sleep 0.05; done; \(exports); export TERM=xterm-256color; \
            \(umask.map { "umask \($0); " } ?? "")cd \(quote(workingDirectory)) && \(quote(binary)) \(arguments.map(quote).joined(separator: " ")); echo EXIT=$?; exec sleep 60
            """
        tmux = try TmuxSession(command: command, cols: 120, rows: 40)
        if clipboard { try tmux.run(["set-option", "-g", "set-clipboard", "on"]) }
        try tmux.run(["pipe-pane", "-O", "-t", "e2e", "cat >> \(quote(rawPath))"])
        guard FileManager.default.createFile(atPath: go, contents: nil) else {
            throw TestFailure("cannot create \(go)")
        }
    }

    /// Saves the screen (with its escape sequences) as `<name>.<step>.screen`; returns the plain text.
    @discardableResult
    func save(_ step: String) throws -> String {
        let escaped = try tmux.run(["capture-pane", "-e", "-p", "-S", "-", "-t", "e2e"])
        try escaped.write(toFile: directory + "/" + name + "." + step + ".screen", atomically: false, encoding: .utf8)
        return try tmux.capture()
    }

    @discardableResult
    func wait(_ what: String, limit: TimeInterval = 15, _ condition: (String) -> Bool) async throws -> String {
        try await AttachTmuxTests.wait(tmux, what, limit: limit, condition)
    }

    func send(_ keys: String...) throws { try tmux.run(["send-keys", "-t", "e2e"] + keys) }

    func kill() { tmux.kill() }
}
