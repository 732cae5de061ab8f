import Foundation
import TokenModel

/// Writing to the terminal's standard streams.
public enum Console {
    /// A message on stderr, each line's control characters escaped (`TerminalText.escapedLines`): messages quote file
    /// contents and error texts.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data(("tokentop: " + TerminalText.escapedLines(text) + "\n").utf8))
    }

    /// Writes `bytes` to standard output as they are (a report built as bytes).
    public static func out(bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
            FileHandle.standardOutput.write(
                Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
        }
    }

    /// Writes the string's own UTF-8 bytes, without a `Data` copy of a report that may be large.
    public static func out(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            FileHandle.standardOutput.write(
                Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }
}
