// Generated from themes/*.theme: do not edit. After changing, adding or removing a theme file, run
// `TOKENTOP_UPDATE_BUILTIN_THEMES=1 swift test --filter BuiltInThemesTests` (that test fails until then).

/// The themes in `themes/`, compiled in so that a binary copied alone still has them all.
public enum BuiltInThemes {
    /// Theme name (the file name without `.theme`) → the file's text.
    public static let texts: [String: String] = [
        "dark": #"""
        # tokentop dark: light text on a near-black background (24-bit colours, downsampled as needed).
        normal           = #d0d0d0  #1c1c1c
        header           = #1c1c1c  #5fafd7  bold
        title            = #ffffff  #1c1c1c  bold
        border           = #4e4e4e  #1c1c1c
        border.focused   = #5fafd7  #1c1c1c  bold
        column           = #a8a8a8  #1c1c1c  bold
        selected         = #ffffff  #3a3a3a  bold
        dim              = #808080  #1c1c1c
        state.fetching   = #5fd7ff  #1c1c1c
        state.valid      = #87d75f  #1c1c1c  bold
        state.refreshing = #5fafff  #1c1c1c  bold
        state.stale      = #ffd75f  #1c1c1c  bold
        state.expired    = #ff5f5f  #1c1c1c  bold
        state.failing    = #ff8787  #1c1c1c
        state.rejected   = #ffffff  #af005f  bold
        state.paused     = #a8a8a8  #1c1c1c  bold
        state.disabled   = #626262  #1c1c1c
        bar.full         = #87d75f  #1c1c1c
        bar.low          = #ffaf00  #1c1c1c
        bar.empty        = #3a3a3a  #1c1c1c
        log.success      = #87d75f  #1c1c1c
        log.transient    = #ffd75f  #1c1c1c
        log.rejected     = #ff5f5f  #1c1c1c  bold
        error            = #ff8787  #1c1c1c
        footer           = #d0d0d0  #303030
        footer.key       = #1c1c1c  #5fafd7  bold
        filter           = #ffd75f  #303030  bold
        overlay          = #e4e4e4  #262626
        overlay.key      = #5fafd7  #262626  bold

        """#,
        "default": #"""
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

        """#,
        "high-contrast": #"""
        # tokentop high-contrast: bright colours on black, bold where it helps. 16 colours only.
        normal           = bright-white    black
        header           = black           bright-yellow  bold
        title            = bright-white    black          bold underline
        border           = white           black
        border.focused   = bright-yellow   black          bold
        column           = bright-white    black          bold underline
        selected         = black           bright-white   bold
        dim              = white           black
        state.fetching   = bright-cyan     black          bold
        state.valid      = bright-green    black          bold
        state.refreshing = bright-blue     black          bold
        state.stale      = bright-yellow   black          bold
        state.expired    = bright-white    red            bold
        state.failing    = bright-red      black          bold
        state.rejected   = bright-white    magenta        bold
        state.paused     = bright-white    black          bold underline
        state.disabled   = white           black
        bar.full         = bright-green    black          bold
        bar.low          = bright-yellow   black          bold
        bar.empty        = white           black
        log.success      = bright-green    black          bold
        log.transient    = bright-yellow   black          bold
        log.rejected     = bright-red      black          bold
        error            = bright-red      black          bold
        footer           = black           bright-white
        footer.key       = bright-white    blue           bold
        filter           = bright-yellow   black          bold underline
        overlay          = bright-white    black
        overlay.key      = bright-yellow   black          bold

        """#,
        "light": #"""
        # tokentop light: dark text on a near-white background.
        normal           = #262626  #fafafa
        header           = #ffffff  #005f87  bold
        title            = #000000  #fafafa  bold
        border           = #a8a8a8  #fafafa
        border.focused   = #005f87  #fafafa  bold
        column           = #444444  #fafafa  bold
        selected         = #000000  #d7e4f0  bold
        dim              = #767676  #fafafa
        state.fetching   = #0087af  #fafafa
        state.valid      = #008700  #fafafa  bold
        state.refreshing = #005fd7  #fafafa  bold
        state.stale      = #af5f00  #fafafa  bold
        state.expired    = #d70000  #fafafa  bold
        state.failing    = #af0000  #fafafa
        state.rejected   = #ffffff  #af0057  bold
        state.paused     = #585858  #fafafa  bold
        state.disabled   = #9e9e9e  #fafafa
        bar.full         = #008700  #fafafa
        bar.low          = #d78700  #fafafa
        bar.empty        = #d0d0d0  #fafafa
        log.success      = #008700  #fafafa
        log.transient    = #af5f00  #fafafa
        log.rejected     = #d70000  #fafafa  bold
        error            = #af0000  #fafafa
        footer           = #262626  #e4e4e4
        footer.key       = #ffffff  #005f87  bold
        filter           = #875f00  #e4e4e4  bold
        overlay          = #262626  #eeeeee
        overlay.key      = #005f87  #eeeeee  bold

        """#,
        "mono": #"""
        # tokentop mono: no colour at all, attributes only (what NO_COLOR looks like). States are also
        # told apart by their symbols: ◌ fetching, ● valid, ↻ refreshing, ! stale, ✗ expired, × failing,
        # ⊘ rejected, ‖ paused, ○ disabled.
        normal           = default  default
        header           = default  default  reverse
        title            = default  default  bold
        border           = default  default  dim
        border.focused   = default  default  bold
        column           = default  default  underline
        selected         = default  default  reverse
        dim              = default  default  dim
        state.fetching   = default  default
        state.valid      = default  default  bold
        state.refreshing = default  default  underline
        state.stale      = default  default  bold underline
        state.expired    = default  default  bold reverse
        state.failing    = default  default  reverse
        state.rejected   = default  default  bold underline reverse
        state.paused     = default  default  dim
        state.disabled   = default  default  dim
        bar.full         = default  default  bold
        bar.low          = default  default  bold underline
        bar.empty        = default  default  dim
        log.success      = default  default
        log.transient    = default  default  underline
        log.rejected     = default  default  bold reverse
        error            = default  default  bold
        footer           = default  default  reverse
        footer.key       = default  default  bold reverse
        filter           = default  default  bold underline
        overlay          = default  default
        overlay.key      = default  default  bold

        """#,
        "nord": #"""
        # tokentop nord: the Nord palette (nordtheme.com). Polar Night backgrounds, Snow Storm text,
        # Frost accents, Aurora for states.
        normal           = #d8dee9  #2e3440
        header           = #2e3440  #88c0d0  bold
        title            = #eceff4  #2e3440  bold
        border           = #4c566a  #2e3440
        border.focused   = #88c0d0  #2e3440  bold
        column           = #81a1c1  #2e3440  bold
        selected         = #eceff4  #434c5e  bold
        dim              = #616e88  #2e3440
        state.fetching   = #8fbcbb  #2e3440
        state.valid      = #a3be8c  #2e3440  bold
        state.refreshing = #81a1c1  #2e3440  bold
        state.stale      = #ebcb8b  #2e3440  bold
        state.expired    = #bf616a  #2e3440  bold
        state.failing    = #d08770  #2e3440
        state.rejected   = #eceff4  #bf616a  bold
        state.paused     = #b48ead  #2e3440  bold
        state.disabled   = #4c566a  #2e3440
        bar.full         = #a3be8c  #2e3440
        bar.low          = #ebcb8b  #2e3440
        bar.empty        = #3b4252  #2e3440
        log.success      = #a3be8c  #2e3440
        log.transient    = #ebcb8b  #2e3440
        log.rejected     = #bf616a  #2e3440  bold
        error            = #bf616a  #2e3440
        footer           = #d8dee9  #3b4252
        footer.key       = #2e3440  #81a1c1  bold
        filter           = #ebcb8b  #3b4252  bold
        overlay          = #e5e9f0  #3b4252
        overlay.key      = #88c0d0  #3b4252  bold

        """#,
        "solarized": #"""
        # tokentop solarized: Solarized dark (ethanschoonover.com/solarized), base03 background.
        normal           = #839496  #002b36
        header           = #002b36  #268bd2  bold
        title            = #93a1a1  #002b36  bold
        border           = #586e75  #002b36
        border.focused   = #268bd2  #002b36  bold
        column           = #93a1a1  #002b36  bold
        selected         = #eee8d5  #073642  bold
        dim              = #586e75  #002b36
        state.fetching   = #2aa198  #002b36
        state.valid      = #859900  #002b36  bold
        state.refreshing = #268bd2  #002b36  bold
        state.stale      = #b58900  #002b36  bold
        state.expired    = #dc322f  #002b36  bold
        state.failing    = #cb4b16  #002b36
        state.rejected   = #fdf6e3  #d33682  bold
        state.paused     = #6c71c4  #002b36  bold
        state.disabled   = #586e75  #002b36
        bar.full         = #859900  #002b36
        bar.low          = #b58900  #002b36
        bar.empty        = #073642  #002b36
        log.success      = #859900  #002b36
        log.transient    = #b58900  #002b36
        log.rejected     = #dc322f  #002b36  bold
        error            = #dc322f  #002b36
        footer           = #93a1a1  #073642
        footer.key       = #002b36  #2aa198  bold
        filter           = #b58900  #073642  bold
        overlay          = #93a1a1  #073642
        overlay.key      = #268bd2  #073642  bold

        """#,
    ]
}
