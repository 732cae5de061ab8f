import Foundation
import Testing

/// The systemd unit in RunningForReal.md, taken from between its markers, with `ExecStart=` and
/// `ExecReload=` pointing at the binary under test: `systemd-analyze verify` accepts it and
/// `systemd-analyze security` rates its exposure 4.0 or better.
@Suite struct SystemdUnitTests {
    static let analyze = "/usr/bin/systemd-analyze"

    /// The unit text between `<!-- systemd-unit:begin -->` and `<!-- systemd-unit:end -->`,
    /// without the code fence.
    static func readmeUnit() throws -> String {
        let lines = try CatalogSection.text("systemd-unit", in: "RunningForReal.md").split(
            separator: "\n", omittingEmptySubsequences: false)
        return lines.filter { !$0.hasPrefix("```") }.joined(separator: "\n")
    }

    /// The unit in a directory of its own, runnable here.
    static func writeUnit(_ scratch: Scratch) throws -> String {
        let unit = try readmeUnit().replacingOccurrences(of: "/usr/local/bin/tokentop", with: try Binary.path())
        return try scratch.write("tokentop.service", unit, mode: 0o644)
    }

    @Test func theUnitIsTypeNotifyAndHardened() throws {
        let unit = try Self.readmeUnit()
        for line in [
            "Type=notify", "NotifyAccess=main", "WatchdogSec=30s", "LimitCORE=0", "CapabilityBoundingSet=",
            "SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
            "ProtectSystem=strict",
            "MemoryDenyWriteExecute=yes", "UMask=0077",
        ] {
            #expect(unit.split(separator: "\n").contains { $0 == line }, "missing \(line)")
        }
    }

    @Test func systemdAnalyzeVerifyAcceptsIt() async throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.analyze), "systemd-analyze is missing (package systemd)")
        let scratch = try Scratch()
        let path = try Self.writeUnit(scratch)
        let result = try await Binary.run(["verify", "--man=no", path], executable: Self.analyze)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // verify prints nothing for a good unit: any line is a complaint (an unknown setting, a bad value).
        #expect(
            (result.stdout + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(result.stderr)")
    }

    @Test func securityExposureIsAtMostFour() async throws {
        let scratch = try Scratch()
        let path = try Self.writeUnit(scratch)
        let result = try await Binary.run(["security", "--offline=true", path], executable: Self.analyze)
        let text = result.stdout + result.stderr
        // "→ Overall exposure level for tokentop.service: 1.6 OK 🙂"
        let line = try #require(text.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(text)")
        let number = try #require(
            line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(number <= 4.0, "\(line)")
    }
}
