import Foundation
import TestFixtures
import Testing

@testable import Sinks
@testable import TokenModel

@Suite("RefreshHookRunner")
struct RefreshHookRunnerTests {
    let token = IssuedToken(
        value: SecretString("very-secret-token-value"), issuedAt: Date(epochMilliseconds: 1_800_000_000_000),
        serverExpiryMs: 1_800_000_300_000, expiresAt: Date(epochMilliseconds: 1_800_000_300_000))

    func environment(sinkPath: String) -> [String: String] {
        RefreshHookRunner.environment(
            base: ["PATH": "/usr/bin:/bin"], profile: "acme", sink: TokenSink(path: sinkPath, format: .json),
            token: token)
    }

    @Test("the hook sees the profile, sink, format, expiry and fingerprint, never the token")
    func environmentHasProfileAndSink() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.file("env.txt")
        let hook = RefreshHook(command: "env > '\(out)'; echo \"$0 $@\" >> '\(out)'")
        let result = await RefreshHookRunner.run(hook, environment: environment(sinkPath: "/srv/acme.json"))
        #expect(result.exitCode == 0)
        #expect(result.succeeded)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("TOKENTOP_PROFILE=acme\n"))
        #expect(text.contains("TOKENTOP_SINK=/srv/acme.json\n"))
        #expect(text.contains("TOKENTOP_SINK_FORMAT=json\n"))
        #expect(text.contains("TOKENTOP_EXPIRES_AT=2027-01-15T08:05:00.000Z\n"))
        #expect(text.contains("TOKENTOP_TOKEN_FINGERPRINT=\(token.fingerprint)\n"))
        #expect(!text.contains("very-secret-token-value"))
        #expect(!environment(sinkPath: "/x").values.contains { $0.contains("very-secret-token-value") })
    }

    /// tokentop's own environment holds `{env: ...}` secrets: a hook inherits only an allow-list.
    @Test("the hook does not inherit tokentop's other variables, e.g. {env:} secrets")
    func environmentIsAllowListed() async throws {
        let base = [
            "PATH": "/usr/bin:/bin", "HOME": "/home/op", "LC_ALL": "C.UTF-8", "TZ": "UTC",
            "ACME_ENKASH_SECRET_KEY": "env-secret-value-123", "AWS_SECRET_ACCESS_KEY": "other-secret",
        ]
        let environment = RefreshHookRunner.environment(
            base: base, profile: "acme", sink: TokenSink(path: "/srv/acme.json"), token: token)
        #expect(environment["ACME_ENKASH_SECRET_KEY"] == nil)
        #expect(environment["AWS_SECRET_ACCESS_KEY"] == nil)
        #expect(environment["PATH"] == "/usr/bin:/bin" && environment["HOME"] == "/home/op")
        #expect(environment["LC_ALL"] == "C.UTF-8" && environment["TZ"] == "UTC")
        #expect(environment["TOKENTOP_PROFILE"] == "acme")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.file("env.txt")
        let result = await RefreshHookRunner.run(RefreshHook(command: "env > '\(out)'"), environment: environment)
        #expect(result.succeeded)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.contains("env-secret-value-123") && !text.contains("other-secret"))
        #expect(
            RefreshHookRunner.environment(base: [:], profile: "a", sink: TokenSink(path: "/x"), token: token)["PATH"]
                != nil)
    }

    /// A descriptor tokentop holds open (here one without close-on-exec, like SwiftNIO's
    /// sockets) must not reach a hook, which could keep it open past tokentop's own life.
    @Test("the hook inherits no descriptor beyond stdin, stdout and stderr")
    func noInheritedDescriptors() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let leak = directory.file("held-open-by-tokentop")
        let fd = open(leak, O_CREAT | O_RDWR, 0o600)
        #expect(fd > 2)
        defer { close(fd) }
        let out = directory.file("fds.txt")
        let hook = RefreshHook(command: "for f in /proc/$$/fd/*; do readlink \"$f\" || true; done > '\(out)'")
        let result = await RefreshHookRunner.run(hook, environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.succeeded)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.isEmpty)
        #expect(!text.contains("held-open-by-tokentop"), "\(text)")
    }

    /// Stricter than the test above: with a file and a pipe held open (without close-on-exec)
    /// here, the hook's own listing shows 0, 1 and 2 on /dev/null (1 is the file its command
    /// redirected to) and only the directory `ls` opened to list them.
    @Test("the hook holds only descriptors 0, 1 and 2")
    func onlyStandardDescriptors() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let held = try HeldDescriptors(in: directory)
        let out = directory.file("fds.txt")
        let hook = RefreshHook(command: "exec > '\(out)'; \(HeldDescriptors.listing)")
        let result = await RefreshHookRunner.run(hook, environment: ["PATH": "/usr/bin:/bin"])
        withExtendedLifetime(held) {}
        #expect(result.succeeded)
        let listing = try String(contentsOfFile: out, encoding: .utf8)
        let found = HeldDescriptors.parse(listing)
        #expect(found[0] == "/dev/null" && found[2] == "/dev/null", "\(listing)")
        #expect(found.filter { $0.key > 2 }.count == 1, "\(listing)")
        #expect(HeldDescriptors.beyondStandard(found).isEmpty, "\(listing)")
    }

    @Test("the token is not on the command line of the hook")
    func notInArguments() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.file("cmdline")
        // The shell's own command line, as other users would see it in ps.
        let hook = RefreshHook(command: "tr '\\0' ' ' < /proc/$$/cmdline > '\(out)'")
        let result = await RefreshHookRunner.run(hook, environment: environment(sinkPath: "/srv/acme.json"))
        #expect(result.exitCode == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("/bin/sh -c "))
        #expect(!text.contains("very-secret-token-value"))
    }

    @Test("the exit code is reported")
    func exitCode() async {
        let result = await RefreshHookRunner.run(RefreshHook(command: "exit 3"), environment: [:])
        #expect(result.exitCode == 3)
        #expect(!result.timedOut)
        #expect(!result.succeeded)
        #expect(result.summary == "exit 3")
    }

    @Test("at the timeout the whole process group is killed")
    func timeoutKillsTheGroup() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.file("child.pid")
        let hook = RefreshHook(
            command: "sleep 30 & echo $! > '\(pidFile)'; wait", timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let result = await RefreshHookRunner.run(hook, environment: ["PATH": "/usr/bin:/bin"])
        let elapsed = ContinuousClock.now - started
        #expect(result.timedOut)
        #expect(result.exitCode == nil)
        #expect(result.signal != nil)
        #expect(result.summary.hasPrefix("timed out"))
        // Well under the 30 s the command wanted; generous for a loaded machine.
        #expect(elapsed < .seconds(10))
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try #require(Int32(text))
        #expect(ChildProcess.isGone(child))
    }

    /// Only its timeout stops a hook: the task that awaits it being cancelled (a daemon shutting
    /// down) does not cut it short.
    @Test("cancelling the waiting task does not stop the hook")
    func cancellationDoesNotStopTheHook() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let done = directory.file("done")
        let hook = RefreshHook(command: "sleep 0.3; echo done > '\(done)'", timeout: .seconds(10))
        let waiting = Task { await RefreshHookRunner.run(hook, environment: ["PATH": "/usr/bin:/bin"]) }
        waiting.cancel()
        let result = await waiting.value
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.summary)")
        #expect((try? String(contentsOfFile: done, encoding: .utf8)) == "done\n")
    }

    @Test("a command that cannot start reports why")
    func notFound() async {
        let result = await RefreshHookRunner.run(RefreshHook(command: "/nonexistent/hook"), environment: [:])
        #expect(result.exitCode == 127)
    }
}
