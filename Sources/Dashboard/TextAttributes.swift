/// Text attributes a theme can ask for.
public struct TextAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let underline = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)

    /// The names a theme file uses, in a fixed order.
    public static let named: [(name: String, value: TextAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim),
    ]

    public init?(parsing token: String) {
        guard let entry = TextAttributes.named.first(where: { $0.name == token.lowercased() }) else { return nil }
        self = entry.value
    }

    public var description: String {
        TextAttributes.named.filter { contains($0.value) }.map(\.name).joined(separator: " ")
    }
}
