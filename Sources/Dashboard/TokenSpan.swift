import Foundation

/// A stretch of time in which a profile held a valid token, or held none.
public struct TokenSpan: Sendable, Equatable {
    public var start: Date
    public var end: Date
    public var held: Bool

    public init(start: Date, end: Date, held: Bool) {
        self.start = start
        self.end = end
        self.held = held
    }
}
