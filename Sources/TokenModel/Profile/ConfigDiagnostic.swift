import Foundation

/// One problem found in a profiles file: where, which field, what is wrong, what to do.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var file: String
    /// 1-based; nil when the problem is about the file as a whole.
    public var line: Int?
    public var column: Int?
    /// Dotted path of the field, e.g. `profiles[2].secretKey`; empty for the whole file.
    public var field: String
    public var message: String
    /// What the operator should do about it.
    public var hint: String?

    public init(
        _ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil, field: String,
        message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// `profiles.yaml:12:5: error: profiles[2].secretKey: message (hint)`
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        var text = "\(location): \(severity.rawValue): "
        if !field.isEmpty { text += "\(field): " }
        text += message
        if let hint { text += " — \(hint)" }
        return text
    }
}
