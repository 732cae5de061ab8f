import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The documented unit (RunningForReal.md) sets `MemoryDenyWriteExecute=yes`: the daemon (the Swift runtime, SwiftNIO)
/// and the hooks it starts must run without ever mapping memory writable and executable.
/// The kernel's own form of it (`PR_SET_MDWE`, Linux 6.3+, inherited across exec) is set by a
/// Perl wrapper (perl-base is part of every Debian) before it execs the daemon.
@Suite struct DaemonMemoryDenyWriteExecuteTests {
    static let wrapper = """
        use POSIX;
        my %prctl = (x86_64 => 157, aarch64 => 167);
        my $nr = $prctl{(POSIX::uname())[4]} or die "no prctl number for this machine\\n";
        syscall($nr, 65, 1, 0, 0, 0) == 0 or die "PR_SET_MDWE: $!\\n";
        print STDERR "mdwe=", syscall($nr, 66, 0, 0, 0, 0), "\\n";
        exec @ARGV or die "exec: $!\\n";
        """

    @Test func theDaemonRefreshesWritesSinksAndRunsHooksUnderIt() async throws {
        let scratch = try Scratch()
        let secret = "S3CRET-mdwe-\(UUID().uuidString.prefix(8))"
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", "- accessKey: AK-mdwe\n  secretKey: \(secret)\n"))
        defer { sandbox.stop() }
        let config = try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: alpha
                baseURL: \(sandbox.baseURL)
                accessKey: AK-mdwe
                secretKey: \(secret)
                sink: sinks/alpha.token
                onRefresh: "echo ran > '\(scratch.path)/hook-ran'"
            """)
        let daemon = try BackgroundProcess(
            [
                "-e", Self.wrapper, try Binary.path(), "daemon", "--config", config, "--log",
                scratch.path + "/results.jsonl",
                "--socket", scratch.path + "/daemon.sock",
            ],
            environment: scratch.environment, executable: "/usr/bin/perl")
        defer { daemon.stop() }
        // Kernels before 6.3 refuse PR_SET_MDWE: then the wrapper dies and this says why.
        _ = try await daemon.waitForLine(containing: "mdwe=1")
        _ = try await daemon.waitForLine(containing: "ms): token refreshed")
        #expect(
            try await AsyncWait.until(limit: 10) { FileManager.default.fileExists(atPath: scratch.path + "/hook-ran") })
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/sinks/alpha.token"))
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(try await AsyncWait.exit(of: daemon.process, limit: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.printed)")
    }
}
