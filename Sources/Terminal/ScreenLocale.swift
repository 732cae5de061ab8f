import Dashboard
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Picks the character-type locale the screen is drawn under. ncursesw draws wide characters
/// through the C library's idea of them: under a non-UTF-8 locale (a bare SSH login passes no
/// `LANG`) box lines and badges come out blank and the screen's idea of a row's width goes wrong,
/// which leaves stale characters behind. So: the environment's locale when it is UTF-8, else the
/// first UTF-8 locale installed (`C.UTF-8` first), else the ASCII glyph set.
struct ScreenLocale: Sendable {
    /// Sets `LC_CTYPE` to the named locale (`""`: the environment's); true when it took and its
    /// character set is UTF-8.
    var trySetting: @Sendable (String) -> Bool
    /// Names of installed locales, beyond the usual candidates.
    var installed: @Sendable () -> [String]

    /// Locales tried, in order, after the environment's. Most systems keep their locales in
    /// `locale-archive`, which `installed` cannot list, so the common names are tried by name.
    static let candidates = [
        "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8", "en_IN.UTF-8", "en_IN.utf8", "en_GB.UTF-8", "en_GB.utf8",
        "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "ja_JP.UTF-8", "zh_CN.UTF-8",
    ]

    /// The glyph set the screen can draw; leaves the process in the locale it chose (the
    /// environment's when none is UTF-8).
    func choose() -> Glyphs {
        if trySetting("") { return .unicode }
        let others = installed().filter { name in
            let lower = name.lowercased()
            return (lower.hasSuffix(".utf8") || lower.hasSuffix(".utf-8")) && !Self.candidates.contains(name)
        }
        for name in Self.candidates + others.sorted() where trySetting(name) { return .unicode }
        _ = trySetting("")
        return .ascii
    }

    /// The real C library: `setlocale(LC_CTYPE, name)` and `nl_langinfo(CODESET)`; installed
    /// locales as unpacked under `/usr/lib/locale`.
    static let system = ScreenLocale(
        trySetting: { name in
            guard setlocale(LC_CTYPE, name) != nil, let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
            let set = String(cString: codeset).uppercased()
            return set == "UTF-8" || set == "UTF8"
        },
        installed: { (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/locale")) ?? [] })
}
