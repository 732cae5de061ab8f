import Crypto

extension SecretString {
    /// A short, non-reversible name for a token: the first 12 hex digits of its SHA-256.
    /// Safe to log and show; two different tokens practically never share one.
    public var fingerprint: String { String(SHA256.hash(data: Array(reveal().utf8)).hexDigits.prefix(12)) }
}
