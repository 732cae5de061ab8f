import Foundation

/// Why a `TokenService` request could not be served.
public enum TokenServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// This service cannot re-read its profiles file.
    case reloadUnavailable
    /// The connection to the owning process is gone.
    case disconnected(String)
    /// The owning process answered with an error.
    case remote(String)

    public var description: String {
        switch self {
        case .reloadUnavailable: "reloading the profiles file is not available here"
        case .disconnected(let reason): "lost the connection to the refreshing process: \(reason)"
        case .remote(let message): message
        }
    }
}
