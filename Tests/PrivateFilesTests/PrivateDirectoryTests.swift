import Foundation
import PrivateFiles
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `PrivateDirectory.create`: every directory it makes is 0700, one it finds is left alone.
/// (That no directory is ever wider than 0700 even for a moment, under umask 000, is what its
/// `mkdir(path, 0o700)` is for; the umask is process-wide, so that is checked with strace, not here.)
@Suite struct PrivateDirectoryTests {
    func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    @Test func makesEveryMissingDirectory0700AndLeavesExistingOnesAlone() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let existing = temporary.file("shared")
        #expect(mkdir(existing, 0o755) == 0 && chmod(existing, 0o755) == 0)
        let deep = existing + "/a/b/c"
        // It reports what it made, deepest first (a refused run removes exactly those).
        #expect(try PrivateDirectory.create(deep) == [deep, existing + "/a/b", existing + "/a"])
        for path in [existing + "/a", existing + "/a/b", deep] { #expect(mode(path) == 0o700, "\(path)") }
        #expect(mode(existing) == 0o755, "an existing directory was changed")
        #expect(try PrivateDirectory.create(deep) == [])  // again: nothing to do, no error
        #expect(try PrivateDirectory.createParent(of: deep + "/file.txt") == deep)
    }

    @Test func aFileInTheWayIsAnErrorNamingIt() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let file = try temporary.write("plain", "x")
        #expect(throws: PrivateDirectory.CreationError.self) { try PrivateDirectory.create(file + "/inside") }
        do {
            try PrivateDirectory.create(file + "/inside")
        } catch {
            #expect(error.description.contains(file) && error.description.contains("not a directory"))
        }
    }
}
