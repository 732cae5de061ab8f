import Foundation
import Testing

@testable import TokentopCore

@Suite("SecretReference")
struct SecretReferenceTests {
    let environment = ["PATH": "/usr/bin:/bin", "HOME": "/home/fake", "FAKE_SECRET": "fake-secret-1"]

    private func resolve(_ reference: SecretReference, base: String = "/nonexistent") throws(SecretReference.ResolveError)
        -> String
    {
        try reference.resolve(environment: environment, baseDirectory: base).reveal()
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
        let secret = try SecretReference.file("~/key").resolve(environment: ["HOME": directory.path], baseDirectory: "/")
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
        #expect(throws: SecretReference.ResolveError.fileUnreadable(path: directory.path, reason: "it is a directory")) {
            try resolve(.file(directory.path))
        }
    }

    @Test("command returns stdout, trimmed, and sees the given environment")
    func commandSuccess() throws {
        #expect(try resolve(.command("printf '  fake-cmd-secret\\n'", timeout: .seconds(5))) == "fake-cmd-secret")
        #expect(try resolve(.command("printf %s \"$FAKE_SECRET\"", timeout: .seconds(5))) == "fake-secret-1")
    }

    @Test("command failures: exit status, not found, empty output, several lines")
    func commandFailures() {
        #expect(throws: SecretReference.ResolveError.commandFailed(status: 3)) {
            try resolve(.command("echo fake-output; exit 3", timeout: .seconds(5)))
        }
        #expect(throws: SecretReference.ResolveError.commandFailed(status: 127)) {
            try resolve(.command("no-such-command-tokentop-test", timeout: .seconds(5)))
        }
        #expect(throws: SecretReference.ResolveError.commandEmpty) {
            try resolve(.command("printf '\\n'", timeout: .seconds(5)))
        }
        #expect(throws: SecretReference.ResolveError.commandMultiline(lines: 2)) {
            try resolve(.command("printf 'a\\nb\\n'", timeout: .seconds(5)))
        }
        #expect(throws: SecretReference.ResolveError.commandKilled(signal: 9)) {
            try resolve(.command("kill -9 $$", timeout: .seconds(5)))
        }
    }

    @Test("a command does not inherit signals its parent ignores")
    func commandSignalsAreReset() {
        // The daemon ignores SIGHUP (it reads it from a signal source); SIGHUP is harmless to ignore
        // briefly in the test runner.
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        #expect(throws: SecretReference.ResolveError.commandKilled(signal: SIGHUP)) {
            try resolve(.command("kill -HUP $$; echo fake-survived", timeout: .seconds(5)))
        }
    }

    @Test("command timeout kills the process group and returns quickly")
    func commandTimeout() {
        let started = ContinuousClock.now
        #expect(throws: SecretReference.ResolveError.commandTimedOut(.milliseconds(300))) {
            try resolve(.command("sleep 30; echo fake", timeout: .milliseconds(300)))
        }
        // Far below the 30 s the command would take; generous for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("large output does not deadlock: it is cut off as too large")
    func commandLargeOutput() {
        let started = ContinuousClock.now
        #expect(throws: SecretReference.ResolveError.commandOutputTooLarge) {
            try resolve(.command("head -c 1000000 /dev/zero | tr '\\0' a", timeout: .seconds(30)))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a background child holding stdout does not keep the command waiting")
    func commandBackgroundChild() throws {
        let started = ContinuousClock.now
        #expect(try resolve(.command("printf fake-bg; sleep 30 &", timeout: .seconds(25))) == "fake-bg")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("error messages never contain the command output")
    func messagesHideOutput() {
        do {
            _ = try resolve(.command("printf 'fake-leak\\nfake-leak2'", timeout: .seconds(5)))
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
