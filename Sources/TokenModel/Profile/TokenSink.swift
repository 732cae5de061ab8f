#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a profile's token is written after every successful refresh (`sink:` in the profiles file).
public struct TokenSink: Sendable, Equatable {
    public static let defaultMode: mode_t = 0o600

    /// Absolute, standardized path (`~` expanded, relative paths taken from the profiles file's directory).
    public var path: String
    public var format: TokenSinkFormat
    /// Permission bits of the file, 0o600 unless `mode:` says otherwise.
    public var mode: mode_t

    public init(path: String, format: TokenSinkFormat = .raw, mode: mode_t = TokenSink.defaultMode) {
        self.path = path
        self.format = format
        self.mode = mode
    }

    /// `0600`: the mode as `chmod` writes it.
    public var modeText: String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
