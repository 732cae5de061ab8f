import Foundation

/// The terminal's clipboard escape: `ESC ] 52 ; c ; <base64> BEL` sets the clipboard of the
/// terminal the operator sits at, over SSH too.
public enum OSC52 {
    /// The bytes to write. Inside tmux the plain sequence is sent (tmux with `set-clipboard on`
    /// takes it into its buffer and passes it on) and then again wrapped in tmux's passthrough
    /// (`ESC P tmux; … ESC \`, inner escapes doubled), which reaches the outer terminal when
    /// `allow-passthrough` is on.
    public static func sequence(copying text: String, insideTmux: Bool) -> [UInt8] {
        let plain = Array("\u{1b}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
        guard insideTmux else { return plain }
        var wrapped = Array("\u{1b}Ptmux;".utf8)
        for byte in plain {
            if byte == 0x1b { wrapped.append(0x1b) }
            wrapped.append(byte)
        }
        wrapped += Array("\u{1b}\\".utf8)
        return plain + wrapped
    }
}
