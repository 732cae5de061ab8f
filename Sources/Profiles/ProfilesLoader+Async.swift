import BlockingThreads
import Foundation
import TokenModel

extension ProfilesLoader {
    /// `load(path:environment:strict:)` on a thread of its own (`BlockingWork`). A `{command: ...}`
    /// secret blocks loading (up to its timeout) while swift-subprocess runs it on Swift's
    /// cooperative threads, so async code (start-up, `validate`, a reload) must never load on one
    /// of those: this is the entry point for it.
    public static func loadOffPool(
        path: String, environment: [String: String], strict: Bool = false
    ) async throws(ConfigError) -> ProfileSet {
        try await BlockingWork.run {
            Result { () throws(ConfigError) in try load(path: path, environment: environment, strict: strict) }
        }.get()
    }
}
