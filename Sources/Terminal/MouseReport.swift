import Dashboard

/// Reads the mouse reports a terminal sends once reporting is on (`?1000h`, and `?1006h` for the
/// SGR form): button presses and wheel notches. Releases, drags and extra buttons are dropped:
/// the dashboard acts on presses only.
enum MouseReport {
    /// `ESC [ < b ; x ; y M` (press) or `… m` (release); `body` is what came between `ESC [` and
    /// the final character. Coordinates count from 1.
    static func sgr(body: String, final: UInt32) -> MouseEvent? {
        guard final == 0x4D else { return nil }
        let fields = body.dropFirst().split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard fields.count == 3, let code = fields[0], let x = fields[1], let y = fields[2], x >= 1, y >= 1 else {
            return nil
        }
        return event(code: code, col: x - 1, row: y - 1)
    }

    /// `ESC [ M b x y`: each value is 32 more than the code or the 1-based coordinate. A release
    /// is code 3 here (no separate final character).
    static func x10(_ bytes: [UInt32]) -> MouseEvent? {
        guard bytes.count == 3, (32...255).contains(bytes[0]), (33...255).contains(bytes[1]),
            (33...255).contains(bytes[2])
        else { return nil }
        return event(code: Int(bytes[0]) - 32, col: Int(bytes[1]) - 33, row: Int(bytes[2]) - 33)
    }

    /// The button code's low bits name the button (3: released), 32 marks a drag, 64 the wheel;
    /// 4, 8 and 16 are Shift, Meta and Ctrl, which do not change what a press does here.
    private static func event(code: Int, col: Int, row: Int) -> MouseEvent? {
        guard code >= 0, code & 32 == 0, code & 128 == 0 else { return nil }
        let low = code & 3
        if code & 64 != 0 {
            switch low {
            case 0: return MouseEvent(.wheelUp, col: col, row: row)
            case 1: return MouseEvent(.wheelDown, col: col, row: row)
            default: return nil
            }
        }
        switch low {
        case 0: return MouseEvent(.left, col: col, row: row)
        case 1: return MouseEvent(.middle, col: col, row: row)
        case 2: return MouseEvent(.right, col: col, row: row)
        default: return nil
        }
    }
}
