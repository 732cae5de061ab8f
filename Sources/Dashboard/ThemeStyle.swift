/// How one role looks: foreground, background, attributes.
public struct ThemeStyle: Hashable, Sendable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(
        _ foreground: ThemeColor = .default, _ background: ThemeColor = .default, _ attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The style as the terminal can show it. With 8 colours a grey foreground turns white and
    /// dim; without colour a background becomes reverse video, so a highlighted row stays visible.
    public func downsampled(to depth: ColorDepth) -> ThemeStyle {
        var result = ThemeStyle(
            foreground.downsampled(to: depth), background.downsampled(to: depth, background: true), attributes)
        if depth == .eight, foreground.downsampled(to: .sixteen) == .indexed(8) { result.attributes.insert(.dim) }
        if depth == .none, background != .default { result.attributes.insert(.reverse) }
        return result
    }

    /// As a theme file writes it: `green default bold`.
    public var description: String {
        ([foreground.description, background.description] + (attributes.isEmpty ? [] : [attributes.description]))
            .joined(separator: " ")
    }
}
