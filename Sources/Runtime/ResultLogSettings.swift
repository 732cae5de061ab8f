import ResultLog

/// `--log`, `--log-max-size` and `--log-keep`: where the result log goes and how it rotates.
public struct ResultLogSettings: Sendable {
    /// `-` for stdout; nil for the default path.
    public var path: String?
    /// Rotate before the file passes this size; nil never rotates.
    public var maxBytes: Int64?
    public var keep: Int

    /// The rotation size and number of rotated files kept when none is given.
    public static let defaultMaxBytes = ResultLog.defaultMaxBytes
    public static let defaultKeep = ResultLog.defaultKeep

    public init(path: String?, maxBytes: Int64?, keep: Int) {
        self.path = path
        self.maxBytes = maxBytes
        self.keep = keep
    }

    /// Opens the result log, or prints why it cannot and exits 2.
    public func open(environment: [String: String]) throws(RuntimeExit) -> ResultLog {
        do {
            return try ResultLog(
                destination: ResultLog.destination(explicit: path, environment: environment), maxBytes: maxBytes,
                keep: keep)
        } catch {
            Console.error(error.description)
            throw RuntimeExit.configuration
        }
    }
}
