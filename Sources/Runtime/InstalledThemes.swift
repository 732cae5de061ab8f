import Foundation

/// The installed themes directory, searched after the user's and before the compiled-in themes:
/// `$TOKENTOP_THEMES` when set, else `<prefix>/share/tokentop/themes` for a binary at
/// `<prefix>/bin/tokentop` (symbolic links resolved), when that directory exists.
public enum InstalledThemes {
    public static func directory(environment: [String: String]) -> String? {
        if let explicit = environment["TOKENTOP_THEMES"], !explicit.isEmpty { return explicit }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let prefix = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = prefix.appendingPathComponent("share/tokentop/themes").path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return path
    }
}
