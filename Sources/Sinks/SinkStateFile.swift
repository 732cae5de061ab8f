import Crypto
import Foundation
import Synchronization
import TokenModel

/// `sinks.json` in an instance directory: for every profile, what was last written to its sink.
/// It holds fingerprints and times, never a token; at start-up it tells `SinkReuse` when a raw or
/// header sink's token expires (those formats do not say).
///
///     {"version":2,"profiles":{"acme":{"fingerprint":"5dc17f91dbe3","issuedAt":"...","expiresAt":"...",
///      "serverExpiryMs":1800000300000,"path":"/abs/acme.token","format":"raw","account":"0b1c..."}}}
///
/// `account` names the credentials the token was issued for: an HMAC-SHA256 under the instance's
/// `sinks.key` (`SinkStateKey`), so the file cannot be used to test guesses of a `secretKey`.
/// Version 1 files held a plain SHA-256 there; such a file is read once, its entries checked
/// against the profiles with that plain hash (`upgrade(for:)`), and rewritten as version 2.
public final class SinkStateFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var fingerprint: String
        public var issuedAt: Date
        public var expiresAt: Date
        public var serverExpiryMs: Int64
        public var path: String
        public var format: TokenSinkFormat
        /// `SinkStateFile.account(of:)` of the profile the token was issued for, so a token is not
        /// reused after the profile's keys or endpoint changed.
        public var account: String
        /// Read from a version 1 file: `account` is the old plain hash (`legacyAccount(of:)`).
        var plainAccount = false

        public init(
            fingerprint: String, issuedAt: Date, expiresAt: Date, serverExpiryMs: Int64, path: String,
            format: TokenSinkFormat, account: String
        ) {
            self.fingerprint = fingerprint
            self.issuedAt = issuedAt
            self.expiresAt = expiresAt
            self.serverExpiryMs = serverExpiryMs
            self.path = path
            self.format = format
            self.account = account
        }

        public init(token: IssuedToken, sink: TokenSink, account: String) {
            self.init(
                fingerprint: token.fingerprint, issuedAt: token.issuedAt, expiresAt: token.expiresAt,
                serverExpiryMs: token.serverExpiryMs, path: sink.path, format: sink.format, account: account)
        }
    }

    /// The version this build writes.
    public static let version = 2

    public static let fileName = "sinks.json"
    public let path: String
    private let key: SinkStateKey
    private let entries: Mutex<[String: Entry]>
    /// The file on disk is an older version: the next save (at the latest `upgrade(for:)`) rewrites it.
    private let outdated: Mutex<Bool>
    /// Profiles whose old-format entry `upgrade(for:)` dropped because their credentials changed.
    private let droppedForCredentials = Mutex<Set<String>>([])

    /// The state file inside `directory` (created 0700 when missing, with its `sinks.key`); reads
    /// what is there now. A missing or unreadable file reads as empty: it only saves requests. A key
    /// file that cannot be trusted (see `SinkStateKey`) is an error.
    public convenience init(directory: String) throws(SinkStateKey.KeyError) {
        self.init(directory: directory, key: try SinkStateKey.loadOrCreate(directory: directory))
    }

    init(directory: String, key: SinkStateKey) {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        self.key = key
        let (read, version) = Self.read(path)
        entries = Mutex(read)
        outdated = Mutex(version.map { $0 < Self.version } ?? false)
    }

    /// Names the credentials a token was issued for: endpoint, keys and headers, the same fields a
    /// reload compares. The secret key is in it so that a rotated secret is tried at once (a typo
    /// shows now, not at the next refresh hours later). HMAC-SHA256 under `sinks.key`, as hex.
    public func account(of profile: Profile) -> String {
        key.authenticationCode(for: Self.accountText(of: profile, version: "v2"))
    }

    /// What version 1 files recorded: 64 bits of a plain SHA-256 of the same fields. Only used to
    /// check an old file's entries once, while upgrading it.
    static func legacyAccount(of profile: Profile) -> String {
        String(SHA256.hash(data: Array(accountText(of: profile, version: "v1").utf8)).hexDigits.prefix(16))
    }

    private static func accountText(of profile: Profile, version: String) -> String {
        var text = "tokentop-account-\(version)\n" + profile.baseURL.absoluteString + "\n" + profile.accessKey + "\n"
        text += profile.secretKey.reveal() + "\n"
        for header in profile.headers { text += header.name.lowercased() + ":" + header.value + "\n" }
        return text
    }

    /// True when `entry` was recorded for `profile`'s current credentials.
    public func isRecorded(_ entry: Entry, for profile: Profile) -> Bool {
        entry.account == (entry.plainAccount ? Self.legacyAccount(of: profile) : account(of: profile))
    }

    /// The entry for `token` written to `sink` for `profile`.
    public func entry(for token: IssuedToken, profile: Profile, sink: TokenSink) -> Entry {
        Entry(token: token, sink: sink, account: account(of: profile))
    }

    /// Rewrites a file read in an older version: an entry whose plain hash still matches its
    /// profile's credentials gets this version's hash (so its token is reused as before); the
    /// others could never be reused and are dropped. Call it once at start-up, with every profile,
    /// before `SinkReuse`. Nothing happens when the file is current.
    public func upgrade(for profiles: [Profile]) throws(SinkFileWriter.WriteError) {
        guard outdated.withLock({ $0 }) else { return }
        let byName = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        try entries.withLock { (entries: inout [String: Entry]) throws(SinkFileWriter.WriteError) in
            var upgraded: [String: Entry] = [:]
            var dropped: Set<String> = []
            for (name, entry) in entries {
                guard let profile = byName[name] else { continue }
                guard isRecorded(entry, for: profile) else {
                    dropped.insert(name)
                    continue
                }
                var current = entry
                current.account = account(of: profile)
                current.plainAccount = false
                upgraded[name] = current
            }
            entries = upgraded
            droppedForCredentials.withLock { $0.formUnion(dropped) }
            try save(entries)
        }
    }

    /// True when `upgrade(for:)` dropped `profile`'s entry because it was recorded for other credentials.
    func wasDroppedForCredentials(_ profile: String) -> Bool {
        droppedForCredentials.withLock { $0.contains(profile) }
    }

    public var all: [String: Entry] { entries.withLock { $0 } }

    public func entry(for profile: String) -> Entry? { entries.withLock { $0[profile] } }

    /// Records what was written for `profile` and saves the file (atomically, mode 0600). The lock
    /// is held while saving, so concurrent records never save an older picture over a newer one.
    public func record(_ entry: Entry, for profile: String) throws(SinkFileWriter.WriteError) {
        try entries.withLock { (entries: inout [String: Entry]) throws(SinkFileWriter.WriteError) in
            entries[profile] = entry
            try save(entries)
        }
    }

    /// Drops profiles that no longer exist (after a reload) and saves when something changed.
    public func retain(only names: Set<String>) throws(SinkFileWriter.WriteError) {
        try entries.withLock { (entries: inout [String: Entry]) throws(SinkFileWriter.WriteError) in
            let before = entries.count
            entries = entries.filter { names.contains($0.key) }
            guard entries.count != before else { return }
            try save(entries)
        }
    }

    /// Writes `entries` (atomically, mode 0600); the file is current from then on. Entries still
    /// holding a plain hash are left out: only `upgrade(for:)` can vouch for them.
    private func save(_ entries: [String: Entry]) throws(SinkFileWriter.WriteError) {
        try SinkFileWriter.write(
            Array(Self.render(entries.filter { !$0.value.plainAccount }).utf8), to: path, mode: 0o600)
        outdated.withLock { $0 = false }
    }

    static func render(_ entries: [String: Entry]) -> String {
        let profiles = entries.keys.sorted().compactMap { name -> String? in
            guard let entry = entries[name] else { return nil }
            let fields = [
                "\"fingerprint\":\(JSONText.quote(entry.fingerprint))",
                "\"issuedAt\":\(JSONText.quote(ISOTime.format(entry.issuedAt)))",
                "\"expiresAt\":\(JSONText.quote(ISOTime.format(entry.expiresAt)))",
                "\"serverExpiryMs\":\(entry.serverExpiryMs)",
                "\"path\":\(JSONText.quote(entry.path))",
                "\"format\":\(JSONText.quote(entry.format.rawValue))",
                "\"account\":\(JSONText.quote(entry.account))",
            ]
            return "\(JSONText.quote(name)):{" + fields.joined(separator: ",") + "}"
        }
        return "{\"version\":\(version),\"profiles\":{" + profiles.joined(separator: ",") + "}}\n"
    }

    /// The entries and the file's version (nil when there is no readable file).
    static func read(_ path: String) -> (entries: [String: Entry], version: Int64?) {
        guard let data = FileManager.default.contents(atPath: path),
            case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: data),
            case .object(let profiles)? = root["profiles"]
        else { return ([:], nil) }
        var version: Int64 = 1
        if case .integer(let given)? = root["version"] { version = given }
        var entries: [String: Entry] = [:]
        for (name, value) in profiles {
            guard case .object(let fields) = value,
                case .string(let fingerprint)? = fields["fingerprint"],
                case .string(let issued)? = fields["issuedAt"], let issuedAt = ISOTime.parse(issued),
                case .string(let expires)? = fields["expiresAt"], let expiresAt = ISOTime.parse(expires),
                case .integer(let serverExpiryMs)? = fields["serverExpiryMs"],
                case .string(let sinkPath)? = fields["path"],
                case .string(let formatName)? = fields["format"], let format = TokenSinkFormat(rawValue: formatName),
                case .string(let account)? = fields["account"]
            else { continue }
            var entry = Entry(
                fingerprint: fingerprint, issuedAt: issuedAt, expiresAt: expiresAt, serverExpiryMs: serverExpiryMs,
                path: sinkPath, format: format, account: account)
            entry.plainAccount = version < 2
            entries[name] = entry
        }
        return (entries, version)
    }
}
