import Foundation
import TokenModel

/// What a `ProfileStatus` shows of its profile's settings, as text computed once per profile.
///
/// `ProfileSlot.status` built these for every event: `baseURL.absoluteString` and the masked
/// key are new heap strings each time, so each of the dashboard's 100,000 rows held its own
/// copies. Here they are made when the slot is, and the base URL, host and environment texts
/// are shared by every profile with the same value (see `ProfileLabels.Interner`).
struct ProfileLabels: Sendable {
    let baseURL: String
    let host: String
    let environment: String
    let maskedAccessKey: String
    /// The proxy's `host:port`; nil when the profile goes direct.
    let proxy: String?

    init(_ profile: Profile, interner: inout Interner) {
        baseURL = interner.baseURLText(profile.baseURL)
        host = interner.intern(profile.hostLabel)
        environment = interner.intern(profile.environmentLabel)
        maskedAccessKey = profile.maskedAccessKey
        proxy = profile.proxy.map { interner.intern($0.label) }
    }

    /// One instance of each distinct text (and of each base URL's text).
    struct Interner: Sendable {
        private var texts: [String: String] = [:]
        private var urls: [URL: String] = [:]

        mutating func intern(_ text: String) -> String {
            if let known = texts[text] { return known }
            texts[text] = text
            return text
        }

        mutating func baseURLText(_ url: URL) -> String {
            if let known = urls[url] { return known }
            let text = intern(url.absoluteString)
            urls[url] = text
            return text
        }
    }
}
