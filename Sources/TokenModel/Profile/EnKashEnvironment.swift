/// The EnKash hosts a profile can name instead of a `baseURL` (see shared/reference/ENKASH-API.md).
public enum EnKashEnvironment: String, Sendable, CaseIterable {
    case cardsUAT = "cards-uat"
    case cardsLive = "cards-live"
    case pgUAT = "pg-uat"
    case pgLive = "pg-live"

    public var baseURL: String {
        switch self {
        case .cardsUAT: "https://pay-uat.enkash.in"
        case .cardsLive: "https://pay.enkash.in"
        case .pgUAT: "https://olympus-pg-uat.enkash.in"
        case .pgLive: "https://olympus-pg.enkash.in"
        }
    }

    /// The token endpoint path, appended to every base URL.
    public static let tokenPath = "/api/v0/merchant/token"
}
