/// The process should end with `status`; what went wrong was already printed on stderr. The
/// executable turns it into ArgumentParser's `ExitCode`.
public struct RuntimeExit: Error, Equatable, Sendable {
    public let status: Int32

    public init(_ status: Int32) {
        self.status = status
    }
}
