import Dashboard
import Synchronization
import Testing

@testable import Terminal

/// Which glyph set the screen gets, with the C library's locales replaced by a script.
@Suite struct ScreenLocaleTests {
    /// A locale chooser where only `utf8` names take; records what was tried.
    private final class Tries: Sendable {
        private let tried = Mutex<[String]>([])
        var names: [String] { tried.withLock { $0 } }
        func add(_ name: String) { tried.withLock { $0.append(name) } }
    }

    private static func chooser(utf8: Set<String>, installed: [String] = [], tries: Tries) -> ScreenLocale {
        ScreenLocale(
            trySetting: { name in
                tries.add(name)
                return utf8.contains(name)
            },
            installed: { installed })
    }

    @Test func theEnvironmentsUTF8LocaleWins() {
        let tries = Tries()
        #expect(Self.chooser(utf8: [""], tries: tries).choose() == .unicode)
        #expect(tries.names == [""])
    }

    @Test func withoutOneCUTF8IsTriedFirst() {
        let tries = Tries()
        #expect(Self.chooser(utf8: ["C.UTF-8", "en_US.UTF-8"], tries: tries).choose() == .unicode)
        #expect(tries.names == ["", "C.UTF-8"])
    }

    @Test func anotherInstalledUTF8LocaleServes() {
        let tries = Tries()
        let chooser = Self.chooser(
            utf8: ["de_DE.utf8"], installed: ["C.utf8", "de_DE.utf8", "locale-archive", "fr_FR"], tries: tries)
        #expect(chooser.choose() == .unicode)
        #expect(tries.names.last == "de_DE.utf8")
        #expect(!tries.names.contains("fr_FR") && !tries.names.contains("locale-archive"))
    }

    @Test func noUTF8LocaleAtAllMeansASCII() {
        let tries = Tries()
        #expect(Self.chooser(utf8: [], installed: ["POSIX", "C"], tries: tries).choose() == .ascii)
        // The environment's locale is put back for everything else.
        #expect(tries.names.first == "" && tries.names.last == "")
        #expect(tries.names.contains("C.UTF-8"))
    }
}
