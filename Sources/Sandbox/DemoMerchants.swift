import Foundation
import TokenModel

/// The built-in demo set: sandbox credentials plus matching profiles, one merchant per state a
/// token can be in. Lifetimes are short (1-5 min) so the demo shows refreshes within minutes.
///
/// All keys and secrets here are fake and only valid against the sandbox.
public enum DemoMerchants {
    /// One demo merchant: its profile's name and tags, its sandbox behaviour, and the secret its
    /// profile sends (the wrong one for the "rejected" merchant).
    public struct Entry: Sendable {
        public var name: String
        public var merchant: String
        public var tags: [String]
        /// What the demo shows, e.g. "flaky: 40% server errors".
        public var story: String
        public var credential: SandboxCredential
        public var refresh: RefreshSettings
        /// The secret the profile sends; differs from the credential's for a rejected merchant.
        var profileSecret: SecretString
    }

    public static let entries: [Entry] = [
        entry(
            "acme-pay", "Acme Payments Pvt Ltd", ["demo", "cards"], "healthy",
            SandboxCredential(accessKey: "ENKDEMOACME0001PAY", secretKey: secret("acme"), lifetime: .seconds(300)),
            before: .seconds(60)),
        entry(
            "zen-cards", "Zen Cards", ["demo", "cards"], "short-lived: 60 s tokens, refreshes often",
            SandboxCredential(accessKey: "ENKDEMOZEN00002CRD", secretKey: secret("zen"), lifetime: .seconds(60)),
            before: .seconds(15)),
        entry(
            "bharat-fuel", "Bharat Fuel Co.", ["demo", "fuel"], "slow: answers in 1.5-3 s",
            SandboxCredential(
                accessKey: "ENKDEMOBHARAT3FUEL", secretKey: secret("bharat"), lifetime: .seconds(180),
                latency: SandboxLatency(.milliseconds(1500) ... .seconds(3))),
            before: .seconds(45)),
        entry(
            "chai-point", "Chai Point Retail", ["demo", "pg"], "flaky: 40% server errors (500/502/503)",
            SandboxCredential(
                accessKey: "ENKDEMOCHAI0004RTL", secretKey: secret("chai"), lifetime: .seconds(120), failRate: 0.4),
            before: .seconds(40)),
        entry(
            "metro-meals", "Metro Meal Cards", ["demo", "meals"], "rate-limited: 30% answered 429 Retry-After 5s",
            SandboxCredential(
                accessKey: "ENKDEMOMETRO05MEAL", secretKey: secret("metro"), lifetime: .seconds(120),
                rateLimitRate: 0.3, retryAfter: .seconds(5)),
            before: .seconds(40)),
        entry(
            "nova-travel", "Nova Travel", ["demo", "pg"], "rejected: the profile's secret is wrong (401)",
            SandboxCredential(accessKey: "ENKDEMONOVA006TRVL", secretKey: secret("nova"), lifetime: .seconds(300)),
            before: .seconds(60), profileSecret: SecretString("demo-secret-nova-OLD")),
        entry(
            "orbit-logistics", "Orbit Logistics", ["demo", "cards"], "locked: key locked after 3 failures (403)",
            SandboxCredential(
                accessKey: "ENKDEMOORBIT07LOGI", secretKey: secret("orbit"), lifetime: .seconds(300), lockAfter: 3,
                locked: true),
            before: .seconds(60)),
        entry(
            "saffron-hotels", "Saffron Hotels", ["demo", "pg"], "skewed clock: server 90 s ahead",
            SandboxCredential(
                accessKey: "ENKDEMOSAFFRON08HT", secretKey: secret("saffron"), lifetime: .seconds(300),
                skew: .seconds(90)),
            before: .seconds(60)),
        entry(
            "legacy-ledger", "Legacy Ledger Ltd", ["demo", "legacy"], "legacy: expiry in seconds, not ms",
            SandboxCredential(
                accessKey: "ENKDEMOLEGACY09LDG", secretKey: secret("legacy"), lifetime: .seconds(240),
                expiryInSeconds: true),
            before: .seconds(60)),
        entry(
            "kite-wallet", "Kite Wallet", ["demo", "pg"], "unreliable: 20% hang, 15% broken JSON",
            SandboxCredential(
                accessKey: "ENKDEMOKITE0010WLT", secretKey: secret("kite"), lifetime: .seconds(90), hangRate: 0.2,
                malformedRate: 0.15),
            before: .seconds(25), timeout: .seconds(5)),
    ]

    /// The sandbox side of the demo set.
    public static var credentials: [SandboxCredential] { entries.map(\.credential) }

    /// Profiles for the demo set, pointing at a sandbox listening at `baseURL` (loopback, so plain HTTP).
    public static func profiles(baseURL: URL) -> [Profile] {
        entries.map { entry in
            Profile(
                name: entry.name, merchant: entry.merchant, baseURL: baseURL, accessKey: entry.credential.accessKey,
                secretKey: entry.profileSecret, refresh: entry.refresh, tags: entry.tags, allowInsecureHTTP: true)
        }
    }

    private static func secret(_ name: String) -> SecretString {
        SecretString("demo-secret-\(name)")
    }

    private static func entry(
        _ name: String, _ merchant: String, _ tags: [String], _ story: String, _ credential: SandboxCredential,
        before: Duration, timeout: Duration = .seconds(10), profileSecret: SecretString? = nil
    ) -> Entry {
        var credential = credential
        credential.merchant = merchant
        return Entry(
            name: name, merchant: merchant, tags: tags, story: story, credential: credential,
            refresh: RefreshSettings(before: before, timeout: timeout),
            profileSecret: profileSecret ?? credential.secretKey)
    }
}
