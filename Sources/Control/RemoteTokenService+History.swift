import Foundation
import TokenModel

/// A viewer's history at start: asked of the refresher over the socket.
extension RemoteTokenService: AttemptHistorySource {
    /// The refresher's answer; no attempts (and the reason in `problems`) when it sent none, e.g.
    /// a refresher that predates the request.
    public func history(since: Date, limit: Int) async -> AttemptHistory {
        do {
            switch try await client.send(.history(since: since, limit: limit)) {
            case .history(let history, _): return history
            case .error(let message, _): return AttemptHistory(problems: ["no history from the refresher: \(message)"])
            default: return AttemptHistory(problems: ["no history from the refresher: unexpected reply"])
            }
        } catch {
            return AttemptHistory(problems: ["no history from the refresher: \(error)"])
        }
    }
}
