import Dashboard
import Testing

@testable import Terminal

/// Mouse reports read whole by the escape-sequence decoder: presses and wheel notches become
/// events at 0-based cells; releases, drags and the rest are dropped without a stray key.
@Suite struct MouseReportTests {
    private static func inputs(_ text: String) -> [KeyDecoder.Input] {
        var decoder = EscapeSequenceDecoder()
        return text.unicodeScalars.flatMap { decoder.input($0.value) }
    }

    @Test func sgrPressesAndTheWheel() {
        #expect(Self.inputs("\u{1B}[<0;10;8M") == [.mouse(MouseEvent(.left, col: 9, row: 7))])
        #expect(Self.inputs("\u{1B}[<1;1;1M") == [.mouse(MouseEvent(.middle, col: 0, row: 0))])
        #expect(Self.inputs("\u{1B}[<2;300;90M") == [.mouse(MouseEvent(.right, col: 299, row: 89))])
        #expect(Self.inputs("\u{1B}[<64;5;6M") == [.mouse(MouseEvent(.wheelUp, col: 4, row: 5))])
        #expect(Self.inputs("\u{1B}[<65;5;6M") == [.mouse(MouseEvent(.wheelDown, col: 4, row: 5))])
        // Shift, Meta and Ctrl held: the same press.
        #expect(
            Self.inputs("\u{1B}[<4;2;3M\u{1B}[<24;2;3M") == [
                .mouse(MouseEvent(.left, col: 1, row: 2)), .mouse(MouseEvent(.left, col: 1, row: 2)),
            ])
    }

    @Test func releasesDragsAndOddReportsAreDroppedWhole() {
        #expect(Self.inputs("\u{1B}[<0;10;8mq") == [.key(.char("q"))], "a release")
        #expect(Self.inputs("\u{1B}[<32;10;8Mq") == [.key(.char("q"))], "a drag")
        #expect(Self.inputs("\u{1B}[<66;10;8Mq") == [.key(.char("q"))], "the wheel sideways")
        #expect(Self.inputs("\u{1B}[<0;0;8Mq") == [.key(.char("q"))], "column 0 does not exist")
        #expect(Self.inputs("\u{1B}[<0;10M6") == [.key(.char("6"))], "a field missing")
        #expect(Self.inputs("\u{1B}[<0;1;1;5M6") == [.key(.char("6"))], "a field too many")
        #expect(Self.inputs("\u{1B}[<0;;1M6") == [.key(.char("6"))], "an empty field")
    }

    @Test func x10Reports() {
        // ESC [ M, then 32 + button, 32 + column, 32 + row (1-based): a left press at 10,8.
        #expect(Self.inputs("\u{1B}[M *(") == [.mouse(MouseEvent(.left, col: 9, row: 7))])
        #expect(Self.inputs("\u{1B}[M`!!") == [.mouse(MouseEvent(.wheelUp, col: 0, row: 0))])
        #expect(Self.inputs("\u{1B}[Ma!!") == [.mouse(MouseEvent(.wheelDown, col: 0, row: 0))])
        // A release (button 3), then a key: only the key.
        #expect(Self.inputs("\u{1B}[M#*(j") == [.key(.char("j"))])
    }

    @Test func keysAroundAReportStillCount() {
        #expect(
            Self.inputs("j\u{1B}[<0;3;4M\u{1B}[6~2") == [
                .key(.char("j")), .mouse(MouseEvent(.left, col: 2, row: 3)), .key(.pageDown), .key(.char("2")),
            ])
    }

    @Test func feedGivesOnlyTheKeysAndNoDigitOfAReport() {
        var decoder = EscapeSequenceDecoder()
        let keys = "\u{1B}[<0;12;7M5\u{1B}[M *(k".unicodeScalars.flatMap { decoder.feed($0.value) }
        #expect(keys == [.char("5"), .char("k")])
    }
}
