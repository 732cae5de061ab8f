/// A command run after a successful sink write (`onRefresh:` in the profiles file).
///
/// It runs as `/bin/sh -c command` in its own process group with `TOKENTOP_PROFILE`, `TOKENTOP_SINK`,
/// `TOKENTOP_SINK_FORMAT`, `TOKENTOP_EXPIRES_AT` and `TOKENTOP_TOKEN_FINGERPRINT` in its environment;
/// the token itself is never on its command line or in its environment (read it from the sink).
public struct RefreshHook: Sendable, Equatable {
    public static let defaultTimeout: Duration = .seconds(10)

    public var command: String
    /// The whole process group is killed when the command runs longer than this.
    public var timeout: Duration

    public init(command: String, timeout: Duration = RefreshHook.defaultTimeout) {
        self.command = command
        self.timeout = timeout
    }
}
