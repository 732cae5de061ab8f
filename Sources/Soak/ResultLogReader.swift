import Foundation

/// A whole result log read back: the attempts per profile (in the order written) and any line
/// that did not parse (a torn or interleaved write would show up here).
public struct ResultLogReader: Sendable {
    public private(set) var attempts: [String: [SoakAttempt]] = [:]
    public private(set) var lineCount = 0
    public private(set) var unparsedLines = 0

    public init(text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            lineCount += 1
            if let attempt = SoakAttempt(line: line) {
                attempts[attempt.profile, default: []].append(attempt)
            } else {
                unparsedLines += 1
            }
        }
    }

    public func lines(for profile: String) -> Int { attempts[profile]?.count ?? 0 }
}
