import CNcurses
import Dashboard
import Testing

@testable import Terminal

/// What `wget_wch` returns, turned into the keys the dashboard's key map speaks.
@Suite struct KeyDecoderTests {
    @Test func characters() {
        #expect(KeyDecoder.decodeCharacter(UInt32(UInt8(ascii: "j"))) == .key(.char("j")))
        #expect(KeyDecoder.decodeCharacter(UInt32(UInt8(ascii: "R"))) == .key(.char("R")))
        #expect(KeyDecoder.decodeCharacter(0x20B9) == .key(.char("₹")))
    }

    @Test func controlCharacters() {
        #expect(KeyDecoder.decodeCharacter(10) == .key(.enter))
        #expect(KeyDecoder.decodeCharacter(13) == .key(.enter))
        #expect(KeyDecoder.decodeCharacter(9) == .key(.tab))
        #expect(KeyDecoder.decodeCharacter(27) == .key(.escape))
        #expect(KeyDecoder.decodeCharacter(127) == .key(.backspace))
        #expect(KeyDecoder.decodeCharacter(3) == .key(.ctrl("c")))
        #expect(KeyDecoder.decodeCharacter(12) == .key(.ctrl("l")))
        #expect(KeyDecoder.decodeCharacter(0) == nil)
    }

    @Test func keyCodes() {
        #expect(KeyDecoder.decodeKeyCode(tt_key_up()) == .key(.up))
        #expect(KeyDecoder.decodeKeyCode(tt_key_down()) == .key(.down))
        #expect(KeyDecoder.decodeKeyCode(tt_key_ppage()) == .key(.pageUp))
        #expect(KeyDecoder.decodeKeyCode(tt_key_npage()) == .key(.pageDown))
        #expect(KeyDecoder.decodeKeyCode(tt_key_home()) == .key(.home))
        #expect(KeyDecoder.decodeKeyCode(tt_key_end()) == .key(.end))
        #expect(KeyDecoder.decodeKeyCode(tt_key_f(10)) == .key(.f(10)))
        #expect(KeyDecoder.decodeKeyCode(tt_key_resize()) == .resize)
        #expect(KeyDecoder.decode(status: tt_key_code_yes(), value: UInt32(bitPattern: tt_key_up())) == .key(.up))
        #expect(KeyDecoder.decode(status: tt_ok(), value: 113) == .key(.char("q")))
        #expect(KeyDecoder.decode(status: tt_err(), value: 113) == nil)
    }
}
