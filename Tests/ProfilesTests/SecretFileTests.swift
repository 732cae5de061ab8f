import Foundation
import TestFixtures
import Testing

@testable import Profiles
@testable import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// `{file: PATH}` secrets: only a regular file is read (a FIFO is refused at once instead of
/// blocking `validate` or a reload), a symlink to the file is followed, and a file that group or
/// others can read gets a warning (an error under `--strict`). Fake secrets only.
@Suite("SecretReference: the secret file", .timeLimit(.minutes(1)))
struct SecretFileTests {
    func yaml(_ path: String) -> String {
        """
        profiles:
          - name: acme
            environment: cards-uat
            accessKey: {env: ACCESS_A}
            secretKey: {file: \(path)}
        """
    }

    @Test("a FIFO at the path is refused at once, by resolve and by loading the profiles")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("secret.fifo")
        #expect(mkfifo(path, 0o600) == 0)
        #expect(
            throws: SecretReference.ResolveError.fileUnreadable(
                path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        ) {
            try SecretReference.file(path).resolve(environment: [:], baseDirectory: "/")
        }
        let errors = diagnostics(yaml("secret.fifo"), base: directory.path).filter { $0.severity == .error }
        #expect(
            errors.count == 1 && errors[0].message.contains("\(path)")
                && errors[0].message.contains("not a regular file"),
            "\(errors)")
    }

    @Test("a symlink to a regular secret file is followed")
    func symlinkFollowed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = try directory.write("real.secret", "fake-linked-secret\n")
        try FileManager.default.createSymbolicLink(atPath: directory.file("link.secret"), withDestinationPath: target)
        #expect(
            try SecretReference.file("link.secret").resolve(environment: [:], baseDirectory: directory.path).reveal()
                == "fake-linked-secret")
    }

    @Test("a secret file group or others can read warns, naming the file and chmod 600; --strict makes it an error")
    func readableFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("readable.secret", "fake-readable-secret\n", mode: 0o640)
        let set = try load(yaml("readable.secret"), base: directory.path)
        #expect(set.warnings.count == 1, "\(set.warnings)")
        let warning = try #require(set.warnings.first)
        #expect(warning.field == "profiles[0].secretKey")
        #expect(warning.message.contains(path) && warning.message.contains("mode 640"), "\(warning.message)")
        #expect(warning.hint == "run `chmod 600 \(path)`")
        #expect(!"\(set.warnings)".contains("fake-readable-secret"))

        let strict = diagnostics(yaml("readable.secret"), strict: true, base: directory.path)
        #expect(strict.count == 1 && strict[0].severity == .error && strict[0].message.contains(path), "\(strict)")

        #expect(chmod(path, 0o600) == 0)
        #expect(try load(yaml("readable.secret"), base: directory.path).warnings.isEmpty)
    }
}
