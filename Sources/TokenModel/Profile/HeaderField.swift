import Foundation

/// One extra HTTP header of a profile.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
