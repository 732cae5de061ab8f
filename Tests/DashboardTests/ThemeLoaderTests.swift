import Dashboard
import Foundation
import Testing

@Suite struct ThemeLoaderTests {
    @Test func userThemesWinOverBundledOnesAndPathsAreReadDirectly() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let user = root.appendingPathComponent("user")
        let bundled = root.appendingPathComponent("bundled")
        for dir in [user, bundled] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        try "normal = red".write(to: user.appendingPathComponent("nord.theme"), atomically: true, encoding: .utf8)
        try "normal = blue".write(to: bundled.appendingPathComponent("nord.theme"), atomically: true, encoding: .utf8)
        try "normal = green".write(
            to: bundled.appendingPathComponent("only-bundled.theme"), atomically: true, encoding: .utf8)
        try "normal = yellow".write(to: root.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
        try "x".write(to: bundled.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(userDirectory: user.path, bundledDirectory: bundled.path)

        #expect(try loader.load("nord").get()[.normal].foreground == .indexed(1))
        #expect(try loader.load("only-bundled").get()[.normal].foreground == .indexed(2))
        let byPath = try loader.load(root.appendingPathComponent("mine.theme").path).get()
        #expect(byPath.name == "mine")
        #expect(byPath[.normal].foreground == .indexed(3))
        #expect(loader.candidates(for: "nord") == [user.path + "/nord.theme", bundled.path + "/nord.theme"])
        #expect(loader.availableNames() == ["default", "nord", "only-bundled"])
    }

    @Test func missingAndBrokenThemesFallBackToDefaultWithAnError() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = root.appendingPathComponent("broken.theme")
        try "normal = red\n\nheader = purple".write(to: broken, atomically: true, encoding: .utf8)
        let loader = ThemeLoader(userDirectory: nil, bundledDirectory: root.path)

        let (theme, error) = loader.loadOrDefault("broken")
        #expect(theme == Theme.builtinDefault)
        #expect(error?.description.hasPrefix(broken.path + ":3: unknown colour or attribute 'purple'") == true)

        let missing = loader.loadOrDefault("nope")
        #expect(missing.theme == Theme.builtinDefault)
        #expect(missing.error?.description == "nope: no such theme; looked in \(root.path)/nope.theme")

        #expect(loader.loadOrDefault(nil).error == nil)
        #expect(loader.loadOrDefault("default").error == nil, "default needs no file")

        try Data([0xFF, 0xFE, 0x00]).write(to: root.appendingPathComponent("binary.theme"))
        #expect(loader.loadOrDefault("binary").error?.message == "is not UTF-8 text")
    }

    @Test func userDirectoryFromXDGOrHome() {
        let xdg = ThemeLoader(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"], bundledDirectory: "/b")
        #expect(xdg.userDirectory == "/x/cfg/tokentop/themes")
        #expect(xdg.candidates(for: "dark") == ["/x/cfg/tokentop/themes/dark.theme", "/b/dark.theme"])
        let home = ThemeLoader(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "relative"], bundledDirectory: nil)
        #expect(
            home.userDirectory == "/home/u/.config/tokentop/themes", "a relative XDG_CONFIG_HOME is ignored (XDG spec)")
        #expect(ThemeLoader(environment: [:], bundledDirectory: nil).userDirectory == nil)
        #expect(ThemeLoader.isPath("./x") && ThemeLoader.isPath("x.theme") && !ThemeLoader.isPath("solarized"))
    }

    @Test func bundledThemesDirectoryListsAllSeven() {
        let loader = ThemeLoader(userDirectory: nil, bundledDirectory: RepoPaths.themes.path)
        #expect(loader.availableNames() == ["default", "dark", "high-contrast", "light", "mono", "nord", "solarized"])
        for name in loader.availableNames() { #expect(loader.loadOrDefault(name).error == nil, "\(name)") }
    }
}
