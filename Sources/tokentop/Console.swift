import Foundation

/// Writing to the terminal's standard streams.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("tokentop: " + text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
