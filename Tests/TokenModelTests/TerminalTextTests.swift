import Foundation
import Testing

@testable import TokenModel

/// `TerminalText.escaped`: every C0 and C1 control character and DEL as `\xNN`, everything else kept.
@Suite struct TerminalTextTests {
    @Test func everyC0CharacterIsEscaped() {
        for value in UInt32(0)..<0x20 {
            let scalar = Unicode.Scalar(value)!
            let escaped = TerminalText.escaped("a\(Character(scalar))b")
            #expect(escaped == "a\\x" + String(format: "%02X", value) + "b", "U+\(String(value, radix: 16))")
        }
    }

    @Test func delAndEveryC1CharacterAreEscaped() {
        #expect(TerminalText.escaped("\u{7F}") == "\\x7F")
        for value in UInt32(0x80)...0x9F {
            let scalar = Unicode.Scalar(value)!
            #expect(TerminalText.escaped(String(Character(scalar))) == "\\x" + String(format: "%02X", value))
        }
    }

    @Test func aHostileMessageComesOutPrintable() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"
        let escaped = TerminalText.escaped(hostile)
        #expect(escaped == #"\x1B]0;pwned\x07\x1B[2J\x9B31m"#)
        #expect(!escaped.unicodeScalars.contains { TerminalText.isControl($0) })
        // Tab, CR and LF inside a message cannot start a new line.
        #expect(TerminalText.escaped("one\ttwo\r\nthree\n") == #"one\x09two\x0D\x0Athree\x0A"#)
    }

    @Test func printableUnicodeIsKept() {
        for text in ["नमस्ते दुनिया", "🙂👍🏽 🇮🇳", "₹ 1,000 — café", "日本語", "plain \\x1B stays", "\u{A0}\u{2028}", ""] {
            #expect(TerminalText.escaped(text) == text, "\(text)")
        }
        #expect(TerminalText.escaped("नमस्ते\u{1B}[31m🙂") == #"नमस्ते\x1B[31m🙂"#)
    }

    @Test func linesAreEscapedOneByOne() {
        #expect(TerminalText.escapedLines("a\u{1B}\nb\tc\n") == "a\\x1B\nb\\x09c\n")
    }
}
