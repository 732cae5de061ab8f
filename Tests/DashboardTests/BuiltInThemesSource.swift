import Foundation

/// `Sources/Dashboard/BuiltInThemes.swift` as `themes/*.theme` make it: the generator of that file,
/// run by `BuiltInThemesTests` (`TOKENTOP_UPDATE_BUILTIN_THEMES=1` rewrites it).
enum BuiltInThemesSource {
    static let file = RepoPaths.root.appendingPathComponent("Sources/Dashboard/BuiltInThemes.swift")
    static let regenerate = "TOKENTOP_UPDATE_BUILTIN_THEMES=1 swift test --filter BuiltInThemesTests"

    static var updating: Bool { ProcessInfo.processInfo.environment["TOKENTOP_UPDATE_BUILTIN_THEMES"] == "1" }

    /// Every `themes/NAME.theme`: name → text.
    static func themeFiles() throws -> [String: String] {
        var texts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: RepoPaths.themes.path)
        where name.hasSuffix(".theme") {
            let url = RepoPaths.themes.appendingPathComponent(name)
            texts[String(name.dropLast(".theme".count))] = try String(contentsOf: url, encoding: .utf8)
        }
        return texts
    }

    /// The Swift source holding `texts`, sorted by name, each as a raw multi-line string literal
    /// whose content is the file's text exactly.
    static func render(_ texts: [String: String]) -> String {
        var out = """
            // Generated from themes/*.theme: do not edit. After changing, adding or removing a theme file, run
            // `\(regenerate)` (that test fails until then).

            /// The themes in `themes/`, compiled in so that a binary copied alone still has them all.
            public enum BuiltInThemes {
                /// Theme name (the file name without `.theme`) → the file's text.
                public static let texts: [String: String] = [

            """
        for name in texts.keys.sorted() {
            let text = texts[name] ?? ""
            // Enough `#`s that neither the closing delimiter nor an interpolation occurs in the text.
            var hashes = "#"
            while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
            // Content and closing delimiter indented alike (as `swift format` lays them out), so
            // the literal's value is the text exactly; blank lines stay empty.
            let body = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "        " + $0 }.joined(separator: "\n")
            out += "        \"\(name)\": \(hashes)\"\"\"\n\(body)\n        \"\"\"\(hashes),\n"
        }
        out += "    ]\n}\n"
        return out
    }
}
