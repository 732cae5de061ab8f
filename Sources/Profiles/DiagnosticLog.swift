import Foundation
import TokenModel
import Yams

/// Collects every problem found while reading one profiles file, so all of them are reported at once.
struct DiagnosticLog {
    let file: String
    /// `--strict`: a secret others can read is an error instead of a warning.
    let strict: Bool
    private(set) var diagnostics: [ConfigDiagnostic] = []

    init(file: String, strict: Bool = false) {
        self.file = file
        self.strict = strict
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    mutating func error(_ field: String, at node: Node?, _ message: String, hint: String? = nil) {
        add(.error, field, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint)
    }

    mutating func warning(_ field: String, at node: Node?, _ message: String, hint: String? = nil) {
        add(.warning, field, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint)
    }

    /// A secret that group or others can read: a warning, an error under `--strict`.
    mutating func exposedSecret(_ field: String, at node: Node?, _ message: String, hint: String? = nil) {
        add(strict ? .error : .warning, field, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint)
    }

    /// Reports a `{file:}` secret whose file group or others can read (see `resolveNotingExposure`).
    mutating func exposedSecretFile(
        _ field: String, at node: Node?, _ file: (path: String, mode: mode_t)?, note: String
    ) {
        guard let file else { return }
        exposedSecret(
            field, at: node,
            "secret file \(file.path) can be read by group or others (mode \(String(file.mode, radix: 8)))\(note)",
            hint: "run `chmod 600 \(file.path)`")
    }

    mutating func add(
        _ severity: ConfigDiagnostic.Severity, _ field: String, line: Int?, column: Int?, _ message: String,
        hint: String? = nil
    ) {
        diagnostics.append(
            ConfigDiagnostic(
                severity, file: file, line: line, column: column, field: field, message: message, hint: hint))
    }

    /// Diagnostics in file order (whole-file problems first); the sort is stable.
    var sorted: [ConfigDiagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let l = (lhs.element.line ?? 0, lhs.element.column ?? 0, lhs.offset)
            let r = (rhs.element.line ?? 0, rhs.element.column ?? 0, rhs.offset)
            return l < r
        }.map(\.element)
    }
}
