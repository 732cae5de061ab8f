import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGHUP to the dashboard: what happens when the operator's SSH connection drops.
@Suite(.serialized) struct DashboardHangupTests {
    /// Starts the demo dashboard in tmux. The inner `sh` writes its pid (which `exec` hands to
    /// tokentop) to `pid`; after tokentop ends the wrapper prints its exit status and the
    /// terminal's line discipline flags, so a test can see the terminal was restored.
    private static func start(in directory: String) throws -> TmuxSession {
        let binary = try Binary.path()
        let command = """
            cd '\(directory)' && XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            TERM=xterm-256color sh -c 'echo $$ > pid; exec "$@"' sh '\(binary)' --demo --log '\(directory)/results.jsonl'; \
            echo EXIT=$?; echo STTY $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' ')END; exec sleep 60
            """
        return try TmuxSession(command: command)
    }

    private static func pid(in directory: String) async throws -> pid_t {
        var pid: pid_t?
        _ = try await AsyncWait.until(limit: 10) {
            pid = (try? String(contentsOfFile: directory + "/pid", encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return pid != nil
        }
        guard let pid else { throw TestFailure("the wrapper never wrote tokentop's pid") }
        return pid
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0
    }

    /// Every line of the result log parses as a JSON object; returns how many there are.
    private static func checkResultLog(_ path: String) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "the result log ends mid-line")
        let lines = text.split(separator: "\n")
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any], "not a whole JSON line: \(line.prefix(120))")
        }
        return lines.count
    }

    @Test func hangupExitsRestoresTheTerminalAndLeavesWholeLogLines() async throws {
        let scratch = try Scratch()
        let directory = scratch.path
        let tmux = try Self.start(in: directory)
        defer { tmux.kill() }
        try await tmux.waitFor("a logged attempt") { $0.contains(" success ") }
        let pid = try await Self.pid(in: directory)
        #expect(kill(pid, SIGHUP) == 0)
        let after = try await tmux.waitFor(text: "END")
        #expect(after.contains("EXIT=129"), "\(after)")
        // Canonical mode, echo and signals are back on: the shell is usable.
        #expect(after.contains("STTY icanon isig echo END") || after.contains("STTY isig icanon echo END"), "\(after)")
        #expect(!after.contains("acme-pay"), "the dashboard's screen was left behind")
        #expect(!Self.isRunning(pid))
        #expect(try Self.checkResultLog(directory + "/results.jsonl") > 0)
    }

    /// The terminal itself goes away (tmux closes the pane's pty, as sshd does when the
    /// connection drops): tokentop must notice, exit, and leave whole log lines.
    @Test func closingTheTerminalEndsTheProcess() async throws {
        let scratch = try Scratch()
        let directory = scratch.path
        let tmux = try Self.start(in: directory)
        defer { tmux.kill() }
        try await tmux.waitFor("a logged attempt") { $0.contains(" success ") }
        let pid = try await Self.pid(in: directory)
        try tmux.run(["kill-pane", "-t", "e2e"])
        let ended = try await AsyncWait.until(limit: 10) { !Self.isRunning(pid) }
        #expect(ended, "tokentop still runs 10 s after its terminal closed")
        #expect(try Self.checkResultLog(directory + "/results.jsonl") > 0)
    }
}
