import Dashboard
import Testing

@Suite struct ColorDownsamplingTests {
    @Test func truecolorToTheNearestOf256() {
        #expect(ColorPalette.nearest256(255, 0, 0) == 196)
        #expect(ColorPalette.nearest256(0, 0, 0) == 16)
        #expect(ColorPalette.nearest256(255, 255, 255) == 231)
        #expect(ColorPalette.nearest256(0x5F, 0x87, 0xAF) == 67)
        #expect(ColorPalette.nearest256(128, 128, 128) == 244, "greys go to the grey ramp")
        #expect(
            ColorPalette.nearest256(0x2E, 0x34, 0x40) == 237, "nord0 is closer to grey 58 than to the cube's (0,95,95)")
        #expect(ThemeColor.rgb(255, 0, 0).downsampled(to: .c256) == .indexed(196))
        #expect(ThemeColor.rgb(1, 2, 3).downsampled(to: .truecolor) == .rgb(1, 2, 3))
    }

    @Test func paletteValues() {
        #expect(ColorPalette.rgb(of: 16) == (0, 0, 0))
        #expect(ColorPalette.rgb(of: 196) == (255, 0, 0))
        #expect(ColorPalette.rgb(of: 231) == (255, 255, 255))
        #expect(ColorPalette.rgb(of: 232) == (8, 8, 8))
        #expect(ColorPalette.rgb(of: 255) == (238, 238, 238))
        #expect(ColorPalette.rgb(of: 9) == (255, 0, 0))
    }

    @Test func indexedAndTruecolorTo16() {
        #expect(ThemeColor.indexed(196).downsampled(to: .sixteen) == .indexed(9))
        #expect(ThemeColor.indexed(244).downsampled(to: .sixteen) == .indexed(8))
        #expect(ThemeColor.indexed(16).downsampled(to: .sixteen) == .indexed(0))
        #expect(ThemeColor.indexed(4).downsampled(to: .sixteen) == .indexed(4), "0-15 stay")
        #expect(ThemeColor.rgb(250, 250, 250).downsampled(to: .sixteen) == .indexed(15))
        #expect(ThemeColor.rgb(0x85, 0x99, 0x00).downsampled(to: .sixteen) == .indexed(3))
        #expect(ThemeColor.indexed(200).downsampled(to: .c256) == .indexed(200))
    }

    @Test func sixteenTo8() {
        #expect(ThemeColor.indexed(9).downsampled(to: .eight) == .indexed(1))
        #expect(ThemeColor.indexed(15).downsampled(to: .eight) == .indexed(7))
        #expect(ThemeColor.indexed(3).downsampled(to: .eight) == .indexed(3))
        #expect(ThemeColor.indexed(8).downsampled(to: .eight) == .indexed(7), "grey text stays readable")
        #expect(ThemeColor.indexed(8).downsampled(to: .eight, background: true) == .indexed(0))
        #expect(ThemeColor.rgb(255, 0, 0).downsampled(to: .eight) == .indexed(1))
    }

    @Test func noColourAndDefault() {
        for depth in ColorDepth.allCases { #expect(ThemeColor.default.downsampled(to: depth) == .default) }
        #expect(ThemeColor.indexed(2).downsampled(to: .none) == .default)
        #expect(ThemeColor.rgb(9, 9, 9).downsampled(to: .none) == .default)
    }

    @Test func stylesKeepThingsVisibleWhenColoursGo() {
        let selected = ThemeStyle(.indexed(0), .indexed(7))
        #expect(selected.downsampled(to: .none) == ThemeStyle(.default, .default, .reverse))
        let valid = ThemeStyle(.indexed(2), .default, .bold)
        #expect(valid.downsampled(to: .none) == ThemeStyle(.default, .default, .bold))
        let grey = ThemeStyle(.indexed(8))
        #expect(grey.downsampled(to: .eight) == ThemeStyle(.indexed(7), .default, .dim))
        #expect(grey.downsampled(to: .sixteen) == grey)
        let theme = Theme.builtinDefault.downsampled(to: .none)
        #expect(theme.count == Style.all.count)
        #expect(theme[.selected]?.attributes.contains(.reverse) == true)
        #expect(theme[.header]?.attributes.contains(.reverse) == true)
    }

    @Test func depthFromTheEnvironment() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], colors: 256) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], colors: 256) == .c256, "an empty NO_COLOR is unset")
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], colors: 256) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "24bit"], colors: 256) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], colors: 8) == .eight)
        #expect(ColorDepth.detect(environment: [:], colors: 16_777_216) == .truecolor)
        #expect(ColorDepth.detect(environment: [:], colors: 256) == .c256)
        #expect(ColorDepth.detect(environment: [:], colors: 88) == .sixteen)
        #expect(ColorDepth.detect(environment: [:], colors: 8) == .eight)
        #expect(ColorDepth.detect(environment: [:], colors: -1) == .none)
    }

    @Test func colourNamesParseAndPrint() {
        #expect(ThemeColor(parsing: "bright-magenta") == .indexed(13))
        #expect(ThemeColor(parsing: "BrightCyan") == .indexed(14))
        #expect(ThemeColor(parsing: "#FFaa00") == .rgb(255, 170, 0))
        #expect(ThemeColor(parsing: "0") == .indexed(0))
        #expect(ThemeColor(parsing: "-1") == nil)
        #expect(ThemeColor(parsing: "+5") == nil)
        #expect(ThemeColor(parsing: "0255") == nil)
        #expect(ThemeColor.rgb(255, 170, 0).description == "#ffaa00")
        #expect(ThemeStyle(.indexed(2), .default, [.bold, .underline]).description == "green default bold underline")
    }
}
