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

    /// Used when no theme file is given or the given one is broken. The same as
    /// `themes/default.theme` (a test checks): the terminal's own background, 16 colours only.
    public static let builtinDefault: Theme = {
        let parsed = try? ThemeParser.parse(defaultThemeText, name: "default", file: "<built-in default>")
        return parsed ?? Theme(name: "default", styles: [:])
    }()

    static let defaultThemeText = """
        # tokentop default theme: the terminal's own background, only the 16 classic colours.
        normal          = default       default
        header          = black         cyan
        title           = default       default  bold
        border          = bright-black  default
        border.focused  = cyan          default  bold
        column          = default       default  bold underline
        selected        = black         white
        dim             = bright-black  default
        state.fetching  = cyan          default
        state.valid     = green         default  bold
        state.refreshing = blue         default  bold
        state.stale     = yellow        default  bold
        state.expired   = red           default  bold
        state.failing   = red           default
        state.rejected  = magenta       default  bold reverse
        state.paused    = bright-black  default  bold
        state.disabled  = bright-black  default  dim
        bar.full        = green         default
        bar.low         = yellow        default
        bar.empty       = bright-black  default  dim
        log.success     = green         default
        log.transient   = yellow        default
        log.rejected    = red           default  bold
        error           = red           default
        footer          = black         cyan
        footer.key      = white         blue     bold
        filter          = yellow        default  bold
        overlay         = default       default
        overlay.key     = cyan          default  bold
        """
}
