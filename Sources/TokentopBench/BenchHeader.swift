import Foundation

/// The lines every report starts with: what ran, where, when, with which command.
enum BenchHeader {
    static func print(scenario: String, programs: Programs, what: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let command = (["tokentop-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        Swift.print(
            """
            == \(scenario): \(what)
              command  \(command)
              date     \(formatter.string(from: Date()))
              machine  \(ProcFS.machine())
              load     \(ProcFS.loadAverage()) (1, 5, 15 min, at start; other work on the machine skews timings)
              binary   \(programs.tokentop)
              terminal \(TerminalSize.standard), TERM=xterm-256color, LANG=C.UTF-8
            """)
    }
}
