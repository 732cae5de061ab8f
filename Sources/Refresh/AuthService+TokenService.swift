import Foundation
import TokenModel

/// The local auth service is a `TokenService` as it is: queries, events and commands map one to
/// one. It has no file to re-read, so `reload()` is offered by `ReloadingTokenService`, which
/// wraps it with the caller's loader.
extension AuthService: TokenService {
    public func reload() async throws -> ReloadSummary? {
        throw TokenServiceError.reloadUnavailable
    }

    public func token(for name: String) async -> IssuedToken? {
        validToken(for: name)
    }
}
