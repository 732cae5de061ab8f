import Foundation

/// A token EnKash issued, with its expiry both as the server stated it and on our own clock.
public struct IssuedToken: Sendable, Equatable {
    public var value: SecretString
    public var fingerprint: String
    /// When the response arrived (local clock).
    public var issuedAt: Date
    /// The `expiry` the server sent, normalised to milliseconds since the epoch (server clock).
    public var serverExpiryMs: Int64
    /// When the token expires on the local clock: `serverExpiry - skew` when the server's clock
    /// is more than 2 s off ours, else the server's expiry as is.
    public var expiresAt: Date

    public init(value: SecretString, issuedAt: Date, serverExpiryMs: Int64, expiresAt: Date) {
        self.value = value
        self.fingerprint = value.fingerprint
        self.issuedAt = issuedAt
        self.serverExpiryMs = serverExpiryMs
        self.expiresAt = expiresAt
    }

    /// Lifetime as issued (at least zero).
    public var lifetime: Duration { max(.zero, expiresAt.duration(since: issuedAt)) }

    /// True while the token is still good at `now`, counting it expired `margin` early.
    public func isValid(at now: Date, margin: Duration = .seconds(10)) -> Bool {
        now < expiresAt.adding(.zero - margin)
    }
}
