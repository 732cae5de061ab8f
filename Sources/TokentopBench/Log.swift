import Foundation

/// Progress notes go to stderr; stdout holds only the report.
enum Log {
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("  . \(text)\n".utf8))
    }
}
