import Foundation

/// Where the themes shipped with tokentop are: `$TOKENTOP_THEMES`, else a `themes/` directory
/// holding `default.theme` next to the binary or in any directory above it (the repository
/// checkout for `swift run`), else `share/tokentop/themes` beside an installed `bin/`.
enum BundledThemes {
    static func directory(environment: [String: String]) -> String? {
        if let explicit = environment["TOKENTOP_THEMES"], !explicit.isEmpty { return explicit }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while true {
            for candidate in ["themes", "share/tokentop/themes"] {
                let path = directory.appendingPathComponent(candidate).path
                if FileManager.default.fileExists(atPath: path + "/default.theme") { return path }
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }
}
