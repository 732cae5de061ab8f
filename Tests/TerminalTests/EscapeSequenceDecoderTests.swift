import Dashboard
import Testing

@testable import Terminal

/// Escape sequences decoded whole, character by character, whatever terminfo knows: no digit of
/// `ESC [ 6 ~` ever reaches the dashboard as a hot key.
@Suite struct EscapeSequenceDecoderTests {
    /// Feeds `text` one character at a time; returns every key and whether an Esc is pending.
    private static func decode(_ text: String, flush: Bool = false) -> (keys: [Key], pending: Bool) {
        var decoder = EscapeSequenceDecoder()
        var keys: [Key] = []
        for scalar in text.unicodeScalars { keys += decoder.feed(scalar.value) }
        let pending = decoder.isPending
        if flush { keys += decoder.flush() }
        return (keys, pending)
    }

    @Test(arguments: [
        ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[1;5A", .up), ("\u{1B}[1;2B", .down),
        ("\u{1B}[H", .home), ("\u{1B}[1~", .home), ("\u{1B}OH", .home), ("\u{1B}[7~", .home),
        ("\u{1B}[F", .end), ("\u{1B}[4~", .end), ("\u{1B}OF", .end), ("\u{1B}[8~", .end),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete), ("\u{1B}[Z", .backTab),
        ("\u{1B}OP", .f(1)), ("\u{1B}[21~", .f(10)), ("\u{1B}[24~", .f(12)), ("\u{1B}[[A", .f(1)),
        ("\u{1B}OM", .enter),
    ])
    func knownSequences(sequence: String, key: Key) {
        let result = Self.decode(sequence)
        #expect(result.keys == [key], "\(sequence.debugDescription)")
        #expect(!result.pending)
    }

    @Test func noDigitOfASequenceIsAHotKey() {
        // PgDn, End, Home as tmux sends them inside a vt100 pane, then a real `2`.
        let result = Self.decode("\u{1B}[6~\u{1B}[4~\u{1B}[1~2")
        #expect(result.keys == [.pageDown, .end, .home, .char("2")])
    }

    @Test func unknownSequencesAreSwallowedWhole() {
        #expect(Self.decode("\u{1B}[2~j").keys == [.char("j")], "Insert")
        #expect(Self.decode("\u{1B}[?1;2c6").keys == [.char("6")], "a device attributes answer")
        #expect(Self.decode("\u{1B}[200~x").keys == [.char("x")], "a paste bracket")
        #expect(Self.decode("\u{1B}Ox5").keys == [.char("5")], "an unknown SS3 key")
        #expect(Self.decode("\u{1B}[[Zq").keys == [.char("q")])
        let long = "\u{1B}[" + String(repeating: "1;", count: 40) + "~k"
        #expect(Self.decode(long).keys == [.char("k")], "an over-long sequence")
    }

    @Test func loneEscapeWaitsThenCounts() {
        var decoder = EscapeSequenceDecoder()
        #expect(decoder.feed(27).isEmpty)
        #expect(decoder.isPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.isPending)
        #expect(decoder.flush().isEmpty)
        #expect(decoder.feed(UInt32(UInt8(ascii: "j"))) == [.char("j")])
    }

    @Test func escapeThenAKeyIsBoth() {
        #expect(Self.decode("\u{1B}j").keys == [.escape, .char("j")])
        #expect(Self.decode("\u{1B}\u{1B}[B").keys == [.escape, .down])
        #expect(Self.decode("\u{1B}\u{1B}", flush: true).keys == [.escape, .escape])
    }

    @Test func aSequenceCutShortIsDropped() {
        let result = Self.decode("\u{1B}[6", flush: true)
        #expect(result.pending)
        #expect(result.keys.isEmpty)
        // A control character inside a sequence ends it and counts on its own.
        #expect(Self.decode("\u{1B}[6\r").keys == [.enter])
    }

    @Test func plainCharactersPassThrough() {
        #expect(
            Self.decode("jk₹\t\u{7F}\u{0C}").keys == [.char("j"), .char("k"), .char("₹"), .tab, .backspace, .ctrl("l")])
    }

    @Test func aStartedSequenceWaitsLongerThanALoneEscape() {
        var decoder = EscapeSequenceDecoder()
        #expect(decoder.quietLimit(escape: .milliseconds(25), sequence: .seconds(1)) == nil)
        _ = decoder.feed(27)
        #expect(decoder.quietLimit(escape: .milliseconds(25), sequence: .seconds(1)) == .milliseconds(25))
        _ = decoder.feed(UInt32(UInt8(ascii: "[")))
        #expect(decoder.quietLimit(escape: .milliseconds(25), sequence: .seconds(1)) == .seconds(1))
        // The rest of PgDn arrives in a later read: still PgDn, and no `6` hot key.
        #expect(decoder.feed(UInt32(UInt8(ascii: "6"))).isEmpty)
        #expect(decoder.feed(UInt32(UInt8(ascii: "~"))) == [.pageDown])
    }

    @Test func aKeySplitRightAfterItsEscapeIsStillReadWhole() {
        var decoder = EscapeSequenceDecoder()
        _ = decoder.feed(27)
        #expect(decoder.flush() == [.escape])
        var keys: [Key] = []
        for scalar in "[6~j".unicodeScalars { keys += decoder.feed(scalar.value) }
        #expect(keys == [.pageDown, .char("j")])
        // Only right after the timed-out Esc: `[` later is an ordinary (unbound) character.
        #expect(Self.decode("j[6").keys == [.char("j"), .char("["), .char("6")])
    }

    @Test func ss3SequencesWithParametersAreReadWhole() {
        #expect(Self.decode("\u{1B}O1;2P5").keys == [.f(1), .char("5")], "Shift-F1 in Konsole")
        #expect(Self.decode("\u{1B}O5A").keys == [.up])
        #expect(Self.decode("\u{1B}O" + String(repeating: "1", count: 40) + "Pk").keys == [.char("k")])
    }
}
