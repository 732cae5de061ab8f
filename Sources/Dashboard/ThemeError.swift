/// A theme that could not be used, with where and why: `themes/nord.theme:12: unknown colour 'gren'`.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or theme name when no file was found).
    public var file: String
    /// 1-based line number; nil for errors about the whole file.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
