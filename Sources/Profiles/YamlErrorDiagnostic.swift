import TokenModel
import Yams

/// Turns a Yams parse error into a diagnostic with line and column. Never quotes the file's text
/// (Yams's own descriptions include snippets, which could hold a secret).
enum YamlErrorDiagnostic {
    static func make(_ error: any Error, yaml: String, file: String) -> ConfigDiagnostic {
        let generalHint =
            "check the indentation (spaces only), the `: ` after each key, and quote values containing ': ' or ' #'"
        switch error as? YamlError {
        case .scanner(let context, let problem, let at, _), .parser(let context, let problem, let at, _),
            .composer(let context, let problem, let at, _):
            var message = "YAML syntax error: \(problem)"
            var mark = (line: at.line, column: at.column)
            if let context {
                if problem.contains("end of stream") {
                    // "Unexpected end of file" is found at the end; what is unclosed starts at the context.
                    message += " (\(context.text) that starts here)"
                    mark = (context.mark.line, context.mark.column)
                } else {
                    message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
                }
            }
            let hint =
                lineHasTab(yaml, line: mark.line) || lineHasTab(yaml, line: mark.line - 1)
                ? "YAML indentation must use spaces, not tabs" : generalHint
            return ConfigDiagnostic(
                file: file, line: mark.line, column: mark.column, field: "", message: message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams names the duplicated keys, smallest first, at the first occurrence of the smallest.
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigDiagnostic(
                file: file, line: context.mark.line, column: context.mark.column, field: "",
                message: "key \(keys) appears more than once in the same mapping (first here)",
                hint: "keep one of them; if they belong to different profiles, start each profile with `- `")
        case .reader(let problem, let offset, _, _):
            let position = offset.map { lineAndColumn(yaml, characterOffset: $0) }
            return ConfigDiagnostic(
                file: file, line: position?.line, column: position?.column, field: "",
                message: "cannot read the file as text: \(problem)",
                hint: "save the file as UTF-8 without control characters")
        default:
            return ConfigDiagnostic(file: file, field: "", message: "the file is not valid YAML", hint: generalHint)
        }
    }

    private static func lineHasTab(_ yaml: String, line: Int) -> Bool {
        guard line >= 1 else { return false }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return false }
        return lines[line - 1].prefix { $0 == " " || $0 == "\t" }.contains("\t")
    }

    private static func lineAndColumn(_ yaml: String, characterOffset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in yaml.prefix(characterOffset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
