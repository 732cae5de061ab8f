import Foundation
import Testing

@testable import TokenModel

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

    /// Every ASCII scalar at both ends (the fast path that skips Unicode's tables) and a few beyond.
    @Test func everyASCIIScalarAtEitherEndMatchesFoundation() throws {
        for value in Array(UInt32(0)..<0x80) + [0x85, 0xA0, 0x2028] {
            let scalar = try #require(Unicode.Scalar(value))
            let text = "\(scalar)x\(scalar)y\(scalar)"
            #expect(
                text.trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "U+\(String(value, radix: 16))")
            #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
        }
    }
}
