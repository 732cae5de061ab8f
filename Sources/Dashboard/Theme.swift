/// A named map from roles to looks. Roles a theme file leaves out look as in the built-in
/// default theme.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The roles this theme sets itself.
    public var styles: [Style: ThemeStyle]

    public init(name: String, styles: [Style: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    /// How `role` looks: the theme's own setting, else the default theme's, else plain.
    public subscript(role: Style) -> ThemeStyle {
        styles[role] ?? Theme.builtinDefault.styles[role] ?? ThemeStyle()
    }

    /// Every role resolved and mapped down to what the terminal shows.
    public func downsampled(to depth: ColorDepth) -> [Style: ThemeStyle] {
        Dictionary(uniqueKeysWithValues: Style.all.map { ($0, self[$0].downsampled(to: depth)) })
    }

    /// Used when no theme is given or the given one is broken: `themes/default.theme`, compiled in
    /// (`BuiltInThemes`): the terminal's own background, 16 colours only.
    public static let builtinDefault: Theme = {
        let parsed = BuiltInThemes.texts["default"].flatMap {
            try? ThemeParser.parse($0, name: "default", file: "built-in theme default")
        }
        return parsed ?? Theme(name: "default", styles: [:])
    }()
}
