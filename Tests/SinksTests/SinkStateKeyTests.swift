import Crypto
import Foundation
import Synchronization
import TestFixtures
import Testing

@testable import Sinks
@testable import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// `sinks.key` and the keyed credentials hash in `sinks.json`, and the upgrade of a version 1 file.
@Suite("SinkStateKey and the sinks.json upgrade")
struct SinkStateKeyTests {
    let now = Date(epochMilliseconds: 1_800_000_000_000)

    func token(_ value: String) -> IssuedToken {
        let expiresAt = now.adding(.seconds(600))
        return IssuedToken(
            value: SecretString(value), issuedAt: now, serverExpiryMs: expiresAt.epochMilliseconds, expiresAt: expiresAt
        )
    }

    func profile(_ name: String, sinkPath: String, secret: String = "fake-secret-key") -> Profile {
        var profile = TestProfiles.make(name)
        profile.sink = TokenSink(path: sinkPath, format: .raw)
        profile.secretKey = SecretString(secret)
        return profile
    }

    /// What tokentop 1.x wrote as `account`: 64 bits of a plain SHA-256 of these fields.
    func plainHash(_ profile: Profile) -> String {
        var text = "tokentop-account-v1\n" + profile.baseURL.absoluteString + "\n" + profile.accessKey + "\n"
        text += profile.secretKey.reveal() + "\n"
        for header in profile.headers { text += header.name.lowercased() + ":" + header.value + "\n" }
        return String(SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16))
    }

    /// A version 1 `sinks.json` recording `token` for `profile` under `account`.
    func versionOneFile(_ profile: Profile, _ token: IssuedToken, account: String) -> String {
        """
        {"version":1,"profiles":{"\(profile.name)":{"fingerprint":"\(token.fingerprint)",\
        "issuedAt":"\(ISOTime.format(token.issuedAt))","expiresAt":"\(ISOTime.format(token.expiresAt))",\
        "serverExpiryMs":\(token.serverExpiryMs),"path":"\(profile.sink?.path ?? "")","format":"raw",\
        "account":"\(account)"}}}

        """
    }

    @Test("the key file is made 0600 with 32 bytes, and the same key is read back")
    func keyFileModeAndSize() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let instance = directory.file("instance")
        let state = try SinkStateFile(directory: instance)
        let keyPath = instance + "/" + SinkStateKey.fileName
        var info = stat()
        #expect(lstat(keyPath, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFREG)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(info.st_size == 32)
        let acme = profile("acme", sinkPath: "/run/acme.token")
        #expect(try SinkStateFile(directory: instance).account(of: acme) == state.account(of: acme))
        // Two instances get two keys.
        #expect(try SinkStateFile(directory: directory.file("other")).account(of: acme) != state.account(of: acme))
    }

    @Test("a temporary file left by a creation that crashed does not stop the next start")
    func leftoverTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyPath = directory.file(SinkStateKey.fileName)
        // What a process killed halfway through writing its key leaves: a short temporary file.
        let leftover = keyPath + ".tmp-4242-17"
        #expect(
            FileManager.default.createFile(
                atPath: leftover, contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600]))
        let first = try SinkStateKey.loadOrCreate(directory: directory.path)
        var info = stat()
        #expect(lstat(keyPath, &info) == 0)
        #expect(info.st_size == 32)
        #expect(info.st_mode & 0o777 == 0o600)
        let again = try SinkStateKey.loadOrCreate(directory: directory.path)
        #expect(first.authenticationCode(for: "x") == again.authenticationCode(for: "x"))
        // Only the key and the old leftover: creating it leaves no temporary file of its own.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == [SinkStateKey.fileName, (leftover as NSString).lastPathComponent])
    }

    @Test("callers creating the key at the same time agree on one key and never read a short one")
    func concurrentCreation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for round in 0..<200 {
            let instance = directory.file("instance-\(round)")
            let codes = Mutex<[String]>([])
            let errors = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    let key = try SinkStateKey.loadOrCreate(directory: instance)
                    codes.withLock { $0.append(key.authenticationCode(for: "x")) }
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }
            #expect(errors.withLock { $0 } == [], "round \(round)")
            let seen = codes.withLock { $0 }
            #expect(seen.count == 6 && Set(seen).count == 1, "round \(round): \(Set(seen).count) keys")
        }
    }

    @Test("the stored hash is not a plain SHA-256 of the credentials and changes with the key")
    func storedHashIsKeyed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let acme = profile("acme", sinkPath: directory.file("acme.token"))
        let state = try SinkStateFile(directory: directory.path)
        try state.record(
            state.entry(for: token("fake-token-1"), profile: acme, sink: try #require(acme.sink)), for: "acme")
        let text = try String(contentsOfFile: state.path, encoding: .utf8)
        #expect(text.hasPrefix("{\"version\":2,"))
        let account = try #require(state.entry(for: "acme")?.account)
        #expect(account.count == 64)
        #expect(text.contains(account))
        let plain = SHA256.hash(data: Array(acme.secretKey.reveal().utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(!text.contains(plainHash(acme)) && !text.contains(plain))
        #expect(!text.contains("fake-secret-key"))
        // The same credentials under another key give another hash.
        let other = SinkStateFile(directory: directory.path, key: SinkStateKey(key: SymmetricKey(size: .bits256)))
        #expect(other.account(of: acme) != account)
        // And other credentials under the same key do too.
        #expect(state.account(of: profile("acme", sinkPath: acme.sink?.path ?? "", secret: "other")) != account)
    }

    @Test("a version 1 file whose credentials still match keeps its token and is rewritten as version 2")
    func upgradeKeepsMatchingToken() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let acme = profile("acme", sinkPath: directory.file("acme.token"))
        let issued = token("fake-token-upgrade")
        try SinkFileWriter.write(TokenSinkFormat.raw.render(issued, profile: "acme"), to: directory.file("acme.token"))
        let statePath = directory.file(SinkStateFile.fileName)
        try versionOneFile(acme, issued, account: plainHash(acme)).write(
            toFile: statePath, atomically: true, encoding: .utf8)

        let state = try SinkStateFile(directory: directory.path)
        try state.upgrade(for: [acme])
        let text = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(text.hasPrefix("{\"version\":2,"))
        #expect(!text.contains(plainHash(acme)))
        #expect(text.contains(state.account(of: acme)))

        // Start-up adopts the sink's token: no token request for it.
        let outcome = SinkReuse.seeds(for: [acme], state: try SinkStateFile(directory: directory.path), now: now)
        #expect(outcome.seeds["acme"]?.value == issued.value, "\(outcome.findings)")
        #expect(outcome.seeds["acme"]?.expiresAt == issued.expiresAt)
    }

    @Test("a version 1 entry for other credentials is not adopted and is dropped")
    func upgradeDropsOtherCredentials() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let acme = profile("acme", sinkPath: directory.file("acme.token"))
        let issued = token("fake-token-stale")
        try SinkFileWriter.write(TokenSinkFormat.raw.render(issued, profile: "acme"), to: directory.file("acme.token"))
        let statePath = directory.file(SinkStateFile.fileName)
        let rotated = profile("acme", sinkPath: directory.file("acme.token"), secret: "the-old-secret")
        try versionOneFile(acme, issued, account: plainHash(rotated)).write(
            toFile: statePath, atomically: true, encoding: .utf8)

        let state = try SinkStateFile(directory: directory.path)
        // Even before the upgrade, the old hash does not vouch for the current credentials.
        #expect(SinkReuse.seeds(for: [acme], state: state, now: now).seeds.isEmpty)
        try state.upgrade(for: [acme])
        #expect(state.all.isEmpty)
        // Start-up logs what happened to it: recorded, but for other credentials.
        let reason = SinkReuse.seeds(for: [acme], state: state, now: now).findings.first?.reason ?? ""
        #expect(reason.contains("credentials changed"), "\(reason)")
        let text = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(text == "{\"version\":2,\"profiles\":{}}\n")
        let outcome = SinkReuse.seeds(for: [acme], state: try SinkStateFile(directory: directory.path), now: now)
        #expect(outcome.seeds.isEmpty)
        #expect(outcome.findings.first?.reason.contains("no record") == true)
    }

    @Test(
        "a short, loose, foreign or linked key file is a clear error",
        arguments: ["short", "loose", "link", "directory"])
    func badKeyFile(kind: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyPath = directory.file(SinkStateKey.fileName)
        switch kind {
        case "short":
            #expect(
                FileManager.default.createFile(
                    atPath: keyPath, contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600]))
        case "loose":
            #expect(
                FileManager.default.createFile(
                    atPath: keyPath, contents: Data(count: 32), attributes: [.posixPermissions: 0o644]))
        case "link":
            #expect(
                FileManager.default.createFile(
                    atPath: directory.file("elsewhere"), contents: Data(count: 32),
                    attributes: [.posixPermissions: 0o600]))
            #expect(symlink(directory.file("elsewhere"), keyPath) == 0)
        default:
            try FileManager.default.createDirectory(atPath: keyPath, withIntermediateDirectories: false)
        }
        let expected =
            [
                "short": "holds 3 bytes, not 32", "loose": "others can read it (mode 644",
                "link": "is a symbolic link", "directory": "not a regular file",
            ][kind] ?? ""
        do {
            _ = try SinkStateFile(directory: directory.path)
            Issue.record("a \(kind) key file was accepted")
        } catch {
            #expect(error.path == keyPath)
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains("remove it"))
        }
        // Nothing was overwritten.
        var info = stat()
        #expect(lstat(keyPath, &info) == 0)
        if kind == "short" { #expect(info.st_size == 3) }
    }
}
