import Foundation
import Testing
@testable import TokentopCore

/// The loader's trimming agrees with Foundation's `trimmingCharacters(in:)` on what it meets.
@Suite struct TrimmingTests {
    static let samples = [
        "", " ", "\t\n", "plain", "  both  ", "\tkey\n", " inner space ", "\u{00A0}nbsp\u{2003}", "line\r\n",
        " ₹ rupee ", "\u{2028}sep\u{2029}", "a\nb", "\n \n",
    ]

    @Test(arguments: samples)
    func matchesFoundation(_ text: String) {
        #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
    }
}
