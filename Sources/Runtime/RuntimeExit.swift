/// The process should end with `status`; what went wrong was already printed on stderr. The
/// executable turns it into ArgumentParser's `ExitCode`. The statuses every command uses are
/// named here; `ExitStatusTable` says what each means per command (help text and the
/// catalog's RunningForReal.md).
public struct RuntimeExit: Error, Equatable, Sendable {
    public let status: Int32

    public init(_ status: Int32) {
        self.status = status
    }

    /// 1: the work itself failed (a token request in `check`, a port that cannot be served).
    public static let failure = RuntimeExit(1)
    /// 2: a configuration error; every problem was printed (restarting will not fix it).
    public static let configuration = RuntimeExit(2)
    /// 64 (`EX_USAGE`): an unknown flag or a bad value; ArgumentParser exits with it.
    public static let usage = RuntimeExit(64)
}
