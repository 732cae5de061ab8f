import CNcurses
import Dashboard

/// Turns what `wget_wch` returned into a dashboard key.
enum KeyDecoder {
    /// What one `wget_wch` call read.
    enum Input: Equatable {
        case key(Key)
        case resize
        /// A mouse press or wheel notch (decoded by `EscapeSequenceDecoder`).
        case mouse(MouseEvent)
    }

    /// `status` is `wget_wch`'s return (OK or KEY_CODE_YES), `value` the character or key code.
    static func decode(status: Int32, value: UInt32) -> Input? {
        if status == tt_key_code_yes() { return decodeKeyCode(Int32(bitPattern: value)) }
        guard status == tt_ok() else { return nil }
        return decodeCharacter(value)
    }

    static func decodeKeyCode(_ code: Int32) -> Input? {
        switch code {
        case tt_key_resize(): return .resize
        case tt_key_up(): return .key(.up)
        case tt_key_down(): return .key(.down)
        case tt_key_left(): return .key(.left)
        case tt_key_right(): return .key(.right)
        case tt_key_ppage(): return .key(.pageUp)
        case tt_key_npage(): return .key(.pageDown)
        case tt_key_home(): return .key(.home)
        case tt_key_end(): return .key(.end)
        case tt_key_enter(): return .key(.enter)
        case tt_key_backspace(): return .key(.backspace)
        case tt_key_dc(): return .key(.delete)
        case tt_key_btab(): return .key(.backTab)
        default:
            for n in 1...12 where code == tt_key_f(Int32(n)) { return .key(.f(n)) }
            return nil
        }
    }

    static func decodeCharacter(_ value: UInt32) -> Input? {
        switch value {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 27: return .key(.escape)
        case 127, 8: return .key(.backspace)
        case 1...26:
            guard let letter = Unicode.Scalar(value + 96) else { return nil }
            return .key(.ctrl(Character(letter)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }
}
