import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether the dashboard can run here: a real terminal on stdin and stdout, and a TERM that can
/// address the screen.
public enum TerminalCheck {
    /// Why not, or nil when it can.
    public static func problem(environment: [String: String]) -> String? {
        let term = environment["TERM"] ?? ""
        if term.isEmpty { return "TERM is not set" }
        if term == "dumb" { return "TERM=dumb cannot draw a dashboard" }
        if isatty(0) == 0 { return "standard input is not a terminal" }
        if isatty(1) == 0 { return "standard output is not a terminal" }
        return nil
    }
}
