import Dashboard
import Foundation
import Testing

/// The themes compiled into the binary are exactly `themes/`, and the loader finds them after
/// the directories.
@Suite struct BuiltInThemesTests {
    @Test func generatedFileIsWhatThemesDirectoryGives() throws {
        let files = try BuiltInThemesSource.themeFiles()
        let expected = BuiltInThemesSource.render(files)
        let current = try? String(contentsOf: BuiltInThemesSource.file, encoding: .utf8)
        if BuiltInThemesSource.updating {
            if current != expected {
                try expected.write(to: BuiltInThemesSource.file, atomically: true, encoding: .utf8)
            }
            return
        }
        let stale =
            "Sources/Dashboard/BuiltInThemes.swift differs from themes/; run `\(BuiltInThemesSource.regenerate)` "
            + "to rewrite it, then build again"
        let differing = Set(files.keys).union(BuiltInThemes.texts.keys).filter { files[$0] != BuiltInThemes.texts[$0] }
        #expect(
            differing.isEmpty, Comment(rawValue: stale + " (differing: \(differing.sorted().joined(separator: ", ")))"))
        let sourceMatches = current == expected
        #expect(sourceMatches, Comment(rawValue: stale))
        #expect(files.count >= 7)
    }

    @Test func everyBuiltInThemeParsesAndSetsEveryKey() throws {
        for (name, text) in BuiltInThemes.texts {
            let theme = try ThemeParser.parse(text, name: name, file: name)
            #expect(Set(theme.styles.keys) == Set(Style.all), "\(name)")
        }
    }

    @Test func withoutAnyDirectoryTheCompiledInThemesAreThere() throws {
        let loader = ThemeLoader(userDirectory: nil, bundledDirectory: nil, builtIn: BuiltInThemes.texts)
        #expect(loader.availableNames() == ["default", "dark", "high-contrast", "light", "mono", "nord", "solarized"])
        let nordFile = RepoPaths.themes.appendingPathComponent("nord.theme")
        let nord = try ThemeParser.parse(String(contentsOf: nordFile, encoding: .utf8), name: "nord", file: "x")
        #expect(try loader.load("nord").get() == nord)
        for name in loader.availableNames() { #expect(loader.loadOrDefault(name).error == nil, "\(name)") }
        let missing = loader.loadOrDefault("nope").error?.description
        #expect(
            missing
                == "nope: no such theme; looked in the built-in themes (dark, default, high-contrast, light, mono, nord, solarized)"
        )
    }

    @Test func filesInTheUserAndInstalledDirectoriesOverrideByName() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let user = root.appendingPathComponent("user")
        let installed = root.appendingPathComponent("share")
        for dir in [user, installed] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        try "normal = red".write(to: user.appendingPathComponent("nord.theme"), atomically: true, encoding: .utf8)
        try "normal = blue".write(to: installed.appendingPathComponent("mono.theme"), atomically: true, encoding: .utf8)
        try "normal = green".write(
            to: installed.appendingPathComponent("site.theme"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(
            userDirectory: user.path, bundledDirectory: installed.path, builtIn: BuiltInThemes.texts)

        #expect(try loader.load("nord").get()[.normal].foreground == .indexed(1))
        #expect(try loader.load("mono").get()[.normal].foreground == .indexed(4))
        #expect(try loader.load("site").get()[.normal].foreground == .indexed(2))
        #expect(
            try loader.load("dark").get()
                == ThemeParser.parse(BuiltInThemes.texts["dark"] ?? "", name: "dark", file: "x"))
        #expect(
            loader.availableNames() == [
                "default", "dark", "high-contrast", "light", "mono", "nord", "site", "solarized",
            ])
        let missing = loader.loadOrDefault("nope").error?.description ?? ""
        #expect(
            missing.hasPrefix(
                "nope: no such theme; looked in \(user.path)/nope.theme, \(installed.path)/nope.theme and the built-in themes (dark,"
            ))
    }
}
