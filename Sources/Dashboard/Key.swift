/// A key press as the dashboard sees it, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete
    /// Control plus a letter, lower-cased: `.ctrl("l")` is Ctrl-L.
    case ctrl(Character)
    /// A function key, `F1` = `.f(1)`.
    case f(Int)
    /// The terminal was resized (ncurses `KEY_RESIZE`); the size arrives as `.resize(cols, rows)`.
    case resize

    /// How the key is written in the help overlay, the footer and the README.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .ctrl(let c): "Ctrl-\(String(c).uppercased())"
        case .f(let n): "F\(n)"
        case .resize: "Resize"
        }
    }

    /// The digit 1-9 this key stands for, if it is one.
    public var digit: Int? {
        guard case .char(let c) = self, let value = c.wholeNumberValue, (1...9).contains(value), c.isASCII else {
            return nil
        }
        return value
    }
}
