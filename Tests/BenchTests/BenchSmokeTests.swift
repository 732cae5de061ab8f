import Foundation
import Testing

/// A tiny run of each tokentop-bench scenario: it must print figures for tokentop. Values are
/// not checked, and a peer reported MISSING is fine.
@Suite("tokentop-bench smoke", .serialized)
struct BenchSmokeTests {
    @Test(arguments: ["wire", "idle", "keys", "startup", "refresh", "scale"])
    func scenarioPrintsFigures(_ scenario: String) throws {
        let output = try BenchBinary.run([scenario, "--quick"])
        #expect(output.status == 0, "tokentop-bench \(scenario) --quick exited \(output.status): \(output.stderr)")
        let rows = output.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("tokentop") }
        #expect(!rows.isEmpty, "no tokentop row in: \(output.stdout)")
        for row in rows {
            #expect(!row.contains("FAILED"), "\(row)")
            #expect(row.contains { $0.isNumber }, "no figure in: \(row)")
        }
        #expect(output.stdout.contains("median"))
        #expect(output.stdout.contains("machine"))
    }
}
