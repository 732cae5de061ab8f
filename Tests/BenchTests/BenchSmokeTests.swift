import Foundation
import XCTest

/// A tiny run of each tokentop-bench scenario: it must print figures for tokentop. Values are
/// not checked, and a peer reported MISSING is fine.
///
/// XCTest on purpose: `swift test` runs the XCTest cases on their own, before the Swift Testing
/// suites, so the programs these runs start do not load the machine while the timing-sensitive
/// suites (sandbox, auth service) run in parallel.
final class BenchSmokeTests: XCTestCase {
    func testWire() async throws { try await scenarioPrintsFigures("wire") }
    func testIdle() async throws { try await scenarioPrintsFigures("idle") }
    func testKeys() async throws { try await scenarioPrintsFigures("keys") }
    func testStartup() async throws { try await scenarioPrintsFigures("startup") }
    func testRefresh() async throws { try await scenarioPrintsFigures("refresh") }
    func testScale() async throws { try await scenarioPrintsFigures("scale") }

    /// The fuzz scenario prints a row per target with its execution count, and finds nothing.
    func testFuzz() async throws {
        let output = try await BenchBinary.run(["fuzz", "--quick"])
        XCTAssertEqual(
            output.status, 0, "tokentop-bench fuzz --quick exited \(output.status): \(output.stdout) \(output.stderr)")
        for target in ["response", "profiles"] {
            let row = output.stdout.split(separator: "\n").first { $0.hasPrefix(target + " ") }
            XCTAssertNotNil(row, "no \(target) row in: \(output.stdout)")
            let executions = row.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
            XCTAssertGreaterThan(executions, 0, "\(row ?? "")")
        }
    }

    /// The fault soak, 15 s: every figure is printed, and every check passes (the checks' own
    /// failure cases are unit-tested in SoakAnalysisTests).
    func testSoak() async throws {
        let output = try await BenchBinary.run(["soak", "--quick"])
        XCTAssertEqual(
            output.status, 0, "tokentop-bench soak --quick exited \(output.status): \(output.stdout) \(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for figure in [
            "sandbox requests", "faults injected", "result-log lines", "token gaps", "no-success windows",
            "retry spacing", "daemon", "RSS (VmRSS)",
        ] {
            let line = lines.first { $0.hasPrefix(figure + " ") }
            XCTAssertNotNil(line, "no \(figure) line in: \(output.stdout)")
            XCTAssertTrue(line?.contains { $0.isNumber } == true, "no figure in: \(line ?? "")")
        }
        let requests = lines.first { $0.hasPrefix("sandbox requests") }?.split(separator: " ").dropFirst(2).first
        XCTAssertGreaterThan(Int(requests?.dropLast() ?? "") ?? 0, 0, "the sandbox saw no request: \(output.stdout)")
        for check in ["token gaps", "lost lines", "retry storm", "no crash", "RSS flat"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix("PASS \(check):") }, "\(check) did not pass: \(output.stdout)")
        }
        XCTAssertTrue(output.stdout.contains("machine"))
    }

    private func scenarioPrintsFigures(_ scenario: String) async throws {
        let output = try await BenchBinary.run([scenario, "--quick"])
        XCTAssertEqual(output.status, 0, "tokentop-bench \(scenario) --quick exited \(output.status): \(output.stderr)")
        let rows = output.stdout.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("tokentop")
        }
        XCTAssertFalse(rows.isEmpty, "no tokentop row in: \(output.stdout)")
        for row in rows {
            XCTAssertFalse(row.contains("FAILED"), "\(row)")
            XCTAssertTrue(row.contains { $0.isNumber }, "no figure in: \(row)")
        }
        XCTAssertTrue(output.stdout.contains("median"))
        XCTAssertTrue(output.stdout.contains("machine"))
    }
}
