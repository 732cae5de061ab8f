import Foundation

/// What the auth service tells its followers.
public enum AuthEvent: Sendable, Equatable {
    case attemptStarted(profile: String, trigger: AttemptTrigger, at: Date)
    case attemptFinished(AttemptRecord)
    case stateChanged(ProfileStatus)
    /// A token was written to a profile's sink (or the write failed), and its hook ran.
    case sinkWritten(SinkReport)
    /// The profiles file was reloaded; removed profiles send no more events.
    case reloaded(ReloadSummary)
}
