import Terminal

/// How a dashboard's screen ended, as the process's exit: 0 after `q`, the loop's status after
/// a signal, 2 when the terminal failed (printed).
enum LoopOutcome {
    static func finish(_ outcome: Result<LoopExit, TerminalError>) throws(RuntimeExit) {
        switch outcome {
        case .success(let exit):
            if exit.exitStatus != 0 { throw RuntimeExit(exit.exitStatus) }
        case .failure(let error):
            Console.error(error.description)
            throw RuntimeExit.configuration
        }
    }
}
