import Sandbox
import TokenModel

/// The profiles a run starts with, and the in-process sandbox when `--demo` started one (the
/// run stops it last).
public struct LoadedProfiles: Sendable {
    public var set: ProfileSet
    public var sandbox: SandboxServer?

    public init(set: ProfileSet, sandbox: SandboxServer?) {
        self.set = set
        self.sandbox = sandbox
    }
}
