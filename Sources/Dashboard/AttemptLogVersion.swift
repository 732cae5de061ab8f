import Synchronization

/// A number no other change of any attempt log was given (process-wide counter), so a summary
/// cached for one log (`ProfileHistoryCache`) cannot be mistaken for another's, even in a copy of
/// the state whose log went another way.
public struct AttemptLogVersion: Sendable, Equatable {
    let value: UInt64

    init() { value = attemptLogVersionCounter.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Versions are bookkeeping: they never make two logs differ.
    public static func == (lhs: AttemptLogVersion, rhs: AttemptLogVersion) -> Bool { true }
}

private let attemptLogVersionCounter = Atomic<UInt64>(0)
