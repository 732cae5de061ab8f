import Foundation
import Testing

/// Golden text files under `Tests/DashboardTests/Golden/`. `TOKENTOP_UPDATE_GOLDEN=1` rewrites
/// them instead of comparing; a missing file is a failure, never silently created.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["TOKENTOP_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        let text = actual + "\n"
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(name); run with TOKENTOP_UPDATE_GOLDEN=1 to write it",
                sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff =
                zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let want = firstDiff < expectedLines.count ? String(expectedLines[firstDiff]) : "<end>"
            let got = firstDiff < actualLines.count ? String(actualLines[firstDiff]) : "<end>"
            let report =
                "\(name) differs at line \(firstDiff + 1)\n  expected: \(want)\n  actual:   \(got)\n"
                + "(TOKENTOP_UPDATE_GOLDEN=1 rewrites the golden files after a deliberate change)\n\(actual)"
            Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        }
    }
}
