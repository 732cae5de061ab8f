import Foundation
import Terminal
import Testing

@Suite struct OSC52Tests {
    @Test func plainSequenceCarriesTheBase64OfTheText() {
        let bytes = OSC52.sequence(copying: "Authorization: Bearer abc", insideTmux: false)
        let expected = "\u{1b}]52;c;" + Data("Authorization: Bearer abc".utf8).base64EncodedString() + "\u{07}"
        #expect(bytes == Array(expected.utf8))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("abc"), "the text itself is never written")
    }

    @Test func insideTmuxAlsoWrappedInPassthroughWithEscapesDoubled() {
        let plain = OSC52.sequence(copying: "tok", insideTmux: false)
        let bytes = OSC52.sequence(copying: "tok", insideTmux: true)
        #expect(Array(bytes.prefix(plain.count)) == plain)
        let wrapped = String(decoding: bytes.dropFirst(plain.count), as: UTF8.self)
        #expect(wrapped == "\u{1b}Ptmux;\u{1b}\u{1b}]52;c;dG9r\u{07}\u{1b}\\")
    }
}
