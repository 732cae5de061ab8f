/// What `tokentop check` was asked to do, parsed and checked by the executable.
public struct CheckSettings: Sendable {
    public var source: ProfileSource
    public var resultLog: ResultLogSettings
    /// `--profile` (repeatable); empty means every enabled profile.
    public var profileNames: [String]
    public var json: Bool
    /// `--concurrency`; nil takes the profiles file's.
    public var concurrency: Int?

    public init(
        source: ProfileSource, resultLog: ResultLogSettings, profileNames: [String], json: Bool, concurrency: Int?
    ) {
        self.source = source
        self.resultLog = resultLog
        self.profileNames = profileNames
        self.json = json
        self.concurrency = concurrency
    }
}
