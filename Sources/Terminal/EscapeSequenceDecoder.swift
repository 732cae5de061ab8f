import Dashboard

/// Turns the characters the terminal sends into keys, decoding whole escape sequences itself
/// whatever terminfo says: under `TERM=vt100` terminfo knows no PgDn or End, and ncurses would hand
/// over `ESC [ 6 ~` as Esc, `[`, `6`, `~`, the `6` selecting profile 6. CSI (`ESC [`) and SS3
/// (`ESC O`) sequences are read to their final character; known ones become keys, the rest are
/// swallowed whole. A lone Esc stays pending until the caller, after a short quiet spell
/// (`quietLimit`), calls `flush` (the decoder itself never looks at a clock); a started sequence
/// waits much longer, so one split across two reads by a slow link is still read whole. An Esc
/// that timed out and is then followed by `[` or `O` (keys with no binding) still starts a
/// sequence, for a link that split a key right after its Esc. Alt+key arrives as Esc then the key,
/// and both count.
///
/// Mouse reports are read here too (see `MouseReport`): the SGR form `ESC [ < b ; x ; y M`
/// (mode 1006) and the legacy X10 form `ESC [ M b x y` of terminals without 1006.
struct EscapeSequenceDecoder {
    private enum Phase: Equatable {
        case ground
        /// After ESC.
        case escape
        /// After `ESC [`, collecting parameter and intermediate characters.
        case csi(String)
        /// After `ESC O`, collecting parameters (`ESC O 1;2P` is Shift-F1 in some terminals).
        case ss3(String)
        /// After `ESC [ [` (the Linux console's F1-F5).
        case linuxFunction
        /// Inside a CSI sequence too long to be a key: read to its end and dropped.
        case overlong
        /// After `ESC [ M`: the three bytes of an X10 mouse report, collected.
        case x10Mouse([UInt32])
    }

    private var phase = Phase.ground
    /// Longest CSI body kept; a longer one is garbage and dropped.
    private static let longestSequence = 32

    /// An Esc counted as the Esc key by `flush` just before: a `[` or `O` next still starts a sequence.
    private var escapeTimedOut = false

    /// True while an Esc or a started sequence waits for more characters.
    var isPending: Bool { phase != .ground }

    /// How long the caller waits in silence before calling `flush`: `escape` for a lone Esc (the
    /// Esc key), `sequence` for a sequence already started (a slow link); nil when nothing waits.
    func quietLimit(escape: Duration, sequence: Duration) -> Duration? {
        switch phase {
        case .ground: nil
        case .escape: escape
        default: sequence
        }
    }

    /// Feeds one character (a Unicode scalar value, as `wget_wch` read it); returns the keys it
    /// completes, usually none or one (mouse reports are read and dropped: see `input`).
    mutating func feed(_ value: UInt32) -> [Key] {
        input(value).compactMap { input in
            if case .key(let key) = input { return key }
            return nil
        }
    }

    /// Feeds one character; returns the keys and mouse events it completes.
    mutating func input(_ value: UInt32) -> [KeyDecoder.Input] {
        if case .x10Mouse(let bytes) = phase {
            let collected = bytes + [value]
            guard collected.count == 3 else {
                phase = .x10Mouse(collected)
                return []
            }
            phase = .ground
            return MouseReport.x10(collected).map { [.mouse($0)] } ?? []
        }
        if case .csi(let body) = phase, (0x40...0x7E).contains(value) {
            if body.isEmpty && value == 0x4D {
                phase = .x10Mouse([])
                return []
            }
            if body.hasPrefix("<") {
                phase = .ground
                return MouseReport.sgr(body: body, final: value).map { [.mouse($0)] } ?? []
            }
        }
        return step(value).map { .key($0) }
    }

    private mutating func step(_ value: UInt32) -> [Key] {
        let afterTimedOutEscape = escapeTimedOut
        escapeTimedOut = false
        switch phase {
        case .ground:
            if afterTimedOutEscape, value == 0x5B || value == 0x4F {
                phase = .escape
                return step(value)
            }
            if value == 27 {
                phase = .escape
                return []
            }
            return character(value)
        case .escape:
            switch value {
            case 0x5B:  // [
                phase = .csi("")
                return []
            case 0x4F:  // O
                phase = .ss3("")
                return []
            case 27:
                // Esc pressed twice: the first one is a key, the second may start a sequence.
                return [.escape]
            default:
                // Alt+key arrives as Esc then the key: both count.
                phase = .ground
                return [.escape] + character(value)
            }
        case .csi(let body):
            switch value {
            case 0x20...0x3F:
                guard body.count < Self.longestSequence, let scalar = Unicode.Scalar(value) else {
                    phase = .overlong
                    return []
                }
                phase = .csi(body + String(Character(scalar)))
                return []
            case 0x40...0x7E:
                phase = .ground
                if body.isEmpty && value == 0x5B {
                    phase = .linuxFunction
                    return []
                }
                return Self.csiKey(body: body, final: value).map { [$0] } ?? []
            default:
                // Not part of a sequence (a control character, Esc): the sequence is abandoned
                // and the character read on its own.
                phase = .ground
                return step(value)
            }
        case .ss3(let body):
            switch value {
            case 0x30...0x3F:
                guard body.count < Self.longestSequence else {
                    phase = .overlong
                    return []
                }
                phase = .ss3(body + String(Character(Unicode.Scalar(UInt8(value)))))
                return []
            case 0x40...0x7E:
                phase = .ground
                return Self.ss3Key(value).map { [$0] } ?? []
            default:
                phase = .ground
                return step(value)
            }
        case .overlong:
            switch value {
            case 0x20...0x3F: return []
            case 0x40...0x7E:
                phase = .ground
                return []
            default:
                phase = .ground
                return step(value)
            }
        case .linuxFunction:
            phase = .ground
            guard (0x41...0x45).contains(value) else { return [] }
            return [.f(Int(value) - 0x40)]
        case .x10Mouse:
            // Handled in `input`.
            phase = .ground
            return []
        }
    }

    /// The quiet spell (`quietLimit`) has passed: a lone Esc is the Esc key; a sequence cut short
    /// is dropped.
    mutating func flush() -> [Key] {
        defer { phase = .ground }
        guard phase == .escape else { return [] }
        escapeTimedOut = true
        return [.escape]
    }

    private func character(_ value: UInt32) -> [Key] {
        guard case .key(let key)? = KeyDecoder.decodeCharacter(value) else { return [] }
        return [key]
    }

    /// `ESC [ body final`: cursor keys (any modifiers), Home/End in their `H`/`F` and `1~`/`4~`/
    /// `7~`/`8~` forms, PgUp/PgDn, Delete, back-tab and F-keys.
    static func csiKey(body: String, final: UInt32) -> Key? {
        let parameters = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x5A: return .backTab
        case 0x7E:
            guard let first = parameters.first, let number = first else { return nil }
            switch number {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .f(number - 10)
            case 17...21: return .f(number - 11)
            case 23, 24: return .f(number - 12)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `ESC O final`: cursor keys in application mode, Home/End, keypad Enter, F1-F4.
    static func ss3Key(_ final: UInt32) -> Key? {
        switch final {
        case 0x41: .up
        case 0x42: .down
        case 0x43: .right
        case 0x44: .left
        case 0x48: .home
        case 0x46: .end
        case 0x4D: .enter
        case 0x50...0x53: .f(Int(final) - 0x4F)
        default: nil
        }
    }
}
