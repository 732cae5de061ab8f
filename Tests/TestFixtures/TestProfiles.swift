import Foundation
import TokenModel

public enum TestProfiles {
    public static func make(_ name: String, before: Duration = .seconds(120), enabled: Bool = true) -> Profile {
        Profile(
            name: name, merchant: "Merchant \(name)", baseURL: URL(string: "https://example.test")!,
            accessKey: "AK-\(name)", secretKey: SecretString("SK-\(name)-do-not-print"),
            refresh: RefreshSettings(before: before, timeout: .seconds(10)), enabled: enabled)
    }

    public static let origin = Date(timeIntervalSince1970: 1_800_000_000)
}
