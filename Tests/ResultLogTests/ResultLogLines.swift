import Foundation

/// Short result-log lines and a file's lines, for the rotation and batch tests.
enum ResultLogLines {
    /// `{"n":007}`: 9 bytes, 10 with its newline.
    static func line(_ n: Int) -> String { "{\"n\":\(String(format: "%03d", n))}" }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
