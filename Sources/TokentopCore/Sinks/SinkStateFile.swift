import Foundation
import Synchronization

/// `sinks.json` in an instance directory: for every profile, what was last written to its sink.
/// It holds fingerprints and times, never a token; at start-up it tells `SinkReuse` when a raw or
/// header sink's token expires (those formats do not say).
///
///     {"version":1,"profiles":{"acme":{"fingerprint":"5dc17f91dbe3","issuedAt":"...","expiresAt":"...",
///      "serverExpiryMs":1800000300000,"path":"/abs/acme.token","format":"raw","account":"0b1c..."}}}
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

        public init(token: IssuedToken, profile: Profile, sink: TokenSink) {
            self.init(
                fingerprint: token.fingerprint, issuedAt: token.issuedAt, expiresAt: token.expiresAt,
                serverExpiryMs: token.serverExpiryMs, path: sink.path, format: sink.format,
                account: SinkStateFile.account(of: profile))
        }
    }

    public static let fileName = "sinks.json"
    public let path: String
    private let entries: Mutex<[String: Entry]>

    /// The state file inside `directory` (created 0700 on the first save when missing); reads what
    /// is there now. A missing or unreadable file reads as empty: it only saves requests.
    public init(directory: String) {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        entries = Mutex(Self.read(path))
    }

    /// A short hash naming the credentials a token was issued for: endpoint, keys and headers,
    /// the same fields a reload compares. The secret key is in it so that a rotated secret is
    /// tried at once (a typo shows now, not at the next refresh hours later); 64 bits of a
    /// SHA-256 over all of them, in a 0600 file in a 0700 directory.
    public static func account(of profile: Profile) -> String {
        var text = "tokentop-account-v1\n" + profile.baseURL.absoluteString + "\n" + profile.accessKey + "\n"
        text += profile.secretKey.reveal() + "\n"
        for header in profile.headers { text += header.name.lowercased() + ":" + header.value + "\n" }
        return String(SHA256.hex(Array(text.utf8)).prefix(16))
    }

    public var all: [String: Entry] { entries.withLock { $0 } }

    public func entry(for profile: String) -> Entry? { entries.withLock { $0[profile] } }

    /// Records what was written for `profile` and saves the file (atomically, mode 0600). The lock
    /// is held while saving, so concurrent records never save an older picture over a newer one.
    public func record(_ entry: Entry, for profile: String) throws(SinkFileWriter.WriteError) {
        try entries.withLock { (entries: inout [String: Entry]) throws(SinkFileWriter.WriteError) in
            entries[profile] = entry
            try SinkFileWriter.write(Array(Self.render(entries).utf8), to: path, mode: 0o600)
        }
    }

    /// Drops profiles that no longer exist (after a reload) and saves when something changed.
    public func retain(only names: Set<String>) throws(SinkFileWriter.WriteError) {
        try entries.withLock { (entries: inout [String: Entry]) throws(SinkFileWriter.WriteError) in
            let before = entries.count
            entries = entries.filter { names.contains($0.key) }
            guard entries.count != before else { return }
            try SinkFileWriter.write(Array(Self.render(entries).utf8), to: path, mode: 0o600)
        }
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
        return "{\"version\":1,\"profiles\":{" + profiles.joined(separator: ",") + "}}\n"
    }

    static func read(_ path: String) -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path),
            case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: data),
            case .object(let profiles)? = root["profiles"]
        else { return [:] }
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
            entries[name] = Entry(
                fingerprint: fingerprint, issuedAt: issuedAt, expiresAt: expiresAt, serverExpiryMs: serverExpiryMs,
                path: sinkPath, format: format, account: account)
        }
        return entries
    }
}
