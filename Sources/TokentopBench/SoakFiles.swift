import Foundation

/// The soak's generated inputs: sandbox credentials with faults, and the daemon's profiles file.
struct SoakFiles {
    static let failRate = 0.30
    static let hangRate = 0.10
    static let malformedRate = 0.05
    static let rateLimitRate = 0.05
    static let retryAfterSeconds = 3
    static let latency = "0ms..2s"
    static let timeoutSeconds = 4

    let profiles: Int
    let lifetimes: [Int]

    /// Lifetimes spread evenly over `shortest...longest` seconds.
    init(profiles: Int, shortest: Int, longest: Int) {
        self.profiles = profiles
        lifetimes = (0..<profiles).map { index in
            profiles == 1 ? shortest : shortest + (longest - shortest) * index / (profiles - 1)
        }
    }

    static func name(_ index: Int) -> String { String(format: "soak-%02d", index + 1) }
    static func accessKey(_ index: Int) -> String { "AK-" + name(index) }

    /// Access key to profile name, for matching the sandbox's stats to the log.
    var profileByAccessKey: [String: String] {
        Dictionary(uniqueKeysWithValues: (0..<profiles).map { (Self.accessKey($0), Self.name($0)) })
    }

    func credentials() -> String {
        (0..<profiles).map { index in
            """
            - accessKey: \(Self.accessKey(index))
              secretKey: SK-\(Self.name(index))-synthetic
              merchant: Soak Merchant \(index + 1)
              lifetime: \(lifetimes[index])s
              latency: \(Self.latency)
              failRate: \(Self.failRate)
              hangRate: \(Self.hangRate)
              malformedRate: \(Self.malformedRate)
              rateLimitRate: \(Self.rateLimitRate)
              retryAfter: \(Self.retryAfterSeconds)s

            """
        }.joined()
    }

    func profilesFile(baseURL: String) -> String {
        var text = "defaults:\n  refresh: {timeout: \(Self.timeoutSeconds)s}\nprofiles:\n"
        for index in 0..<profiles {
            text += """
                  - name: \(Self.name(index))
                    merchant: Soak Merchant \(index + 1)
                    baseURL: \(baseURL)
                    accessKey: \(Self.accessKey(index))
                    secretKey: SK-\(Self.name(index))-synthetic

                """
        }
        return text
    }
}
