import Foundation
import TestFixtures
import Testing

@testable import BlockingThreads
@testable import Profiles
@testable import TokenModel

@Suite("SecretReference")
struct SecretReferenceTests {
    let environment = ["PATH": "/usr/bin:/bin", "HOME": "/home/fake", "FAKE_SECRET": "fake-secret-1"]

    private func resolve(_ reference: SecretReference, base: String = "/nonexistent") throws(SecretReference
        .ResolveError)
        -> String
    {
        try reference.resolve(environment: environment, baseDirectory: base).reveal()
    }

    /// Command secrets block the calling thread while swift-subprocess runs the command on the
    /// cooperative threads: resolve them on a thread of their own, as tokentop does.
    private func resolveOffPool(_ reference: SecretReference) async throws(SecretReference.ResolveError) -> String {
        let environment = environment
        return try await BlockingWork.run {
            Result { () throws(SecretReference.ResolveError) in
                try reference.resolve(environment: environment, baseDirectory: "/nonexistent").reveal()
            }
        }.get()
    }

    @Test("a literal resolves to itself; an empty one is refused")
    func literal() throws {
        #expect(try resolve(.literal(SecretString("fake-literal"))) == "fake-literal")
        #expect(throws: SecretReference.ResolveError.emptyLiteral) { try resolve(.literal(SecretString("  "))) }
    }

    @Test("env reads the variable, trimmed; unset and empty variables are errors")
    func env() throws {
        #expect(try resolve(.env("FAKE_SECRET")) == "fake-secret-1")
        #expect(throws: SecretReference.ResolveError.variableNotSet("NOPE_NOT_SET")) {
            try resolve(.env("NOPE_NOT_SET"))
        }
        let reference = SecretReference.env("EMPTY")
        #expect(throws: SecretReference.ResolveError.variableEmpty("EMPTY")) {
            try reference.resolve(environment: ["EMPTY": " \n"], baseDirectory: "/")
        }
    }

    @Test("file reads the first line, trimmed, relative to the base directory")
    func fileFirstLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("secret.txt", "  fake-from-file \nsecond line\n")
        #expect(try resolve(.file("secret.txt"), base: directory.path) == "fake-from-file")
        #expect(try resolve(.file(directory.file("secret.txt"))) == "fake-from-file")
    }

    @Test("file expands ~ with HOME from the given environment")
    func fileTilde() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("key", "fake-home-secret")
        let secret = try SecretReference.file("~/key").resolve(
            environment: ["HOME": directory.path], baseDirectory: "/")
        #expect(secret.reveal() == "fake-home-secret")
    }

    @Test("missing, empty and directory files are errors naming the path")
    func fileErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("empty", "\nfake-second-line\n")
        #expect(throws: SecretReference.ResolveError.fileMissing(path: directory.file("missing"))) {
            try resolve(.file("missing"), base: directory.path)
        }
        #expect(throws: SecretReference.ResolveError.fileEmpty(path: directory.file("empty"))) {
            try resolve(.file("empty"), base: directory.path)
        }
        #expect(throws: SecretReference.ResolveError.fileUnreadable(path: directory.path, reason: "it is a directory"))
        {
            try resolve(.file(directory.path))
        }
    }

    @Test("command returns stdout, trimmed, and sees the given environment")
    func commandSuccess() async throws {
        #expect(
            try await resolveOffPool(.command("printf '  fake-cmd-secret\\n'", timeout: .seconds(5)))
                == "fake-cmd-secret")
        #expect(
            try await resolveOffPool(.command("printf %s \"$FAKE_SECRET\"", timeout: .seconds(5))) == "fake-secret-1")
    }

    @Test("command failures: exit status, not found, empty output, several lines")
    func commandFailures() async {
        await #expect(throws: SecretReference.ResolveError.commandFailed(status: 3)) {
            try await resolveOffPool(.command("echo fake-output; exit 3", timeout: .seconds(5)))
        }
        await #expect(throws: SecretReference.ResolveError.commandFailed(status: 127)) {
            try await resolveOffPool(.command("no-such-command-tokentop-test", timeout: .seconds(5)))
        }
        await #expect(throws: SecretReference.ResolveError.commandEmpty) {
            try await resolveOffPool(.command("printf '\\n'", timeout: .seconds(5)))
        }
        await #expect(throws: SecretReference.ResolveError.commandMultiline(lines: 2)) {
            try await resolveOffPool(.command("printf 'a\\nb\\n'", timeout: .seconds(5)))
        }
        await #expect(throws: SecretReference.ResolveError.commandKilled(signal: 9)) {
            try await resolveOffPool(.command("kill -9 $$", timeout: .seconds(5)))
        }
    }

    @Test("a command does not inherit signals its parent ignores")
    func commandSignalsAreReset() async {
        // The daemon ignores SIGHUP (it reads it from a signal source); SIGHUP is harmless to ignore
        // briefly in the test runner.
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        await #expect(throws: SecretReference.ResolveError.commandKilled(signal: SIGHUP)) {
            try await resolveOffPool(.command("kill -HUP $$; echo fake-survived", timeout: .seconds(5)))
        }
    }

    @Test("command timeout kills the process group and returns quickly")
    func commandTimeout() async {
        let started = ContinuousClock.now
        await #expect(throws: SecretReference.ResolveError.commandTimedOut(.milliseconds(300))) {
            try await resolveOffPool(.command("sleep 30; echo fake", timeout: .milliseconds(300)))
        }
        // Far below the 30 s the command would take; generous for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("large output does not deadlock: it is cut off as too large")
    func commandLargeOutput() async {
        let started = ContinuousClock.now
        await #expect(throws: SecretReference.ResolveError.commandOutputTooLarge) {
            try await resolveOffPool(.command("head -c 1000000 /dev/zero | tr '\\0' a", timeout: .seconds(30)))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("output over the limit still kills what the command left running in the background")
    func commandLargeOutputKillsBackgroundJob() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.file("sleep.pid")
        // The shell starts a background sleep, records its pid, then floods stdout; whether the
        // shell is still alive when the output goes over the limit or already gone, the sleep
        // must not outlive the run.
        let command = "sleep 999 >/dev/null & echo $! > '\(pidFile)'; head -c 1000000 /dev/zero"
        await #expect(throws: SecretReference.ResolveError.commandOutputTooLarge) {
            try await resolveOffPool(.command(command, timeout: .seconds(30)))
        }
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        let gone = ChildProcess.isGone(pid)
        #expect(gone, "the background sleep \(pid) is still running")
        if !gone { kill(pid, SIGKILL) }
    }

    @Test("a background child holding stdout does not keep the command waiting")
    func commandBackgroundChild() async throws {
        let started = ContinuousClock.now
        #expect(try await resolveOffPool(.command("printf fake-bg; sleep 30 &", timeout: .seconds(25))) == "fake-bg")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// The parent holds a file and a pipe open without close-on-exec (like SwiftNIO's sockets);
    /// the command sees only stdin and stderr on /dev/null, stdout (its pipe), and the directory
    /// `ls` opened to list them.
    @Test("a command holds only descriptors 0, 1 and 2 (stdin and stderr on /dev/null)")
    func commandDescriptors() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let held = try HeldDescriptors(in: directory)
        let listing = try await resolveOffPool(.command(HeldDescriptors.listing, timeout: .seconds(10)))
        withExtendedLifetime(held) {}
        let found = HeldDescriptors.parse(listing)
        #expect(found[0] == "/dev/null" && found[2] == "/dev/null", "\(listing)")
        #expect(found[1]?.hasPrefix("pipe:") == true, "\(listing)")
        #expect(found.filter { $0.key > 2 }.count == 1, "\(listing)")
        #expect(HeldDescriptors.beyondStandard(found).isEmpty, "\(listing)")
    }

    @Test("error messages never contain the command output")
    func messagesHideOutput() async {
        do {
            _ = try await resolveOffPool(.command("printf 'fake-leak\\nfake-leak2'", timeout: .seconds(5)))
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("fake-leak"))
        }
    }

    @Test("SecretString never prints its value")
    func secretStringRedacts() {
        let secret = SecretString("fake-redacted")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
    }
}
