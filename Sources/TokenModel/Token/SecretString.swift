/// A secret (secretKey or a full token) that refuses to print itself.
///
/// `description`, `debugDescription`, `dump` and string interpolation all show `<redacted>`;
/// code that truly needs the value calls `reveal()`, which makes every use easy to audit.
public struct SecretString: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    public init(_ value: String) { self.value = value }

    public func reveal() -> String { value }
    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
