/// What each command's exit statuses mean: the one list the commands' `--help` text is made
/// from, and that the exit status table of the catalog's RunningForReal.md must repeat (an
/// end-to-end test compares them and produces each status with the real binary).
public enum ExitStatusTable {
    public struct Entry: Sendable, Equatable {
        /// The subcommand (`dashboard` is what `tokentop` alone runs).
        public let command: String
        /// The number, or `128+n` for a signal.
        public let status: String
        /// When: a phrase that follows the number (`0 after q`).
        public let meaning: String

        public init(command: String, status: String, meaning: String) {
            self.command = command
            self.status = status
            self.meaning = meaning
        }
    }

    static let usage = "on a usage error (an unknown flag or a bad value)"

    public static let entries: [Entry] = [
        Entry(command: "dashboard", status: "0", meaning: "after `q`"),
        Entry(command: "dashboard", status: "1", meaning: "when the `--demo` sandbox cannot listen on loopback"),
        Entry(
            command: "dashboard", status: "2",
            meaning: "on a configuration error, without a terminal, or when nothing answers on `--socket`"),
        Entry(command: "dashboard", status: "64", meaning: usage),
        Entry(command: "check", status: "0", meaning: "when every selected profile got a token"),
        Entry(
            command: "check", status: "1",
            meaning: "when a token request failed (or the `--demo` sandbox cannot listen)"),
        Entry(command: "check", status: "2", meaning: "on a configuration error"),
        Entry(command: "check", status: "64", meaning: usage),
        Entry(command: "validate", status: "0", meaning: "when the file is good"),
        Entry(command: "validate", status: "2", meaning: "when it has errors (or is missing)"),
        Entry(command: "validate", status: "64", meaning: usage),
        Entry(command: "init", status: "0", meaning: "when the template was written"),
        Entry(command: "init", status: "2", meaning: "when the file already exists or cannot be written"),
        Entry(command: "init", status: "64", meaning: usage),
        Entry(command: "sandbox", status: "0", meaning: "after SIGINT/SIGTERM, or `--list`"),
        Entry(command: "sandbox", status: "1", meaning: "when it cannot listen on the address"),
        Entry(command: "sandbox", status: "2", meaning: "when the credentials file has errors"),
        Entry(command: "sandbox", status: "64", meaning: usage),
        Entry(command: "daemon", status: "0", meaning: "after SIGTERM/SIGINT"),
        Entry(
            command: "daemon", status: "1",
            meaning: "when the metrics address cannot be served (or the `--demo` sandbox cannot listen)"),
        Entry(
            command: "daemon", status: "2",
            meaning:
                "on a configuration error (a bad profiles file, the lock held by another tokentop, the socket in use or its path too long)"
        ),
        Entry(command: "daemon", status: "64", meaning: usage),
        Entry(
            command: "daemon", status: "128+n",
            meaning: "after a second SIGTERM/SIGINT while stopping (143 for SIGTERM)"),
    ]

    public static func entries(for command: String) -> [Entry] {
        entries.filter { $0.command == command }
    }

    /// The sentence for `command`'s `--help`: `Exit status: 0 after q; 2 on ...; 64 on ...`.
    public static func help(for command: String) -> String {
        "Exit status: " + entries(for: command).map { "\($0.status) \($0.meaning)" }.joined(separator: "; ") + "."
    }
}
