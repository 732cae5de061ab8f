import Yams

/// A YAML error, as the loader reports it: what Yams' `YamlError` says, in a form the streaming
/// composer can also build (`YamlError.Context` and `Mark` have no public initializers).
enum YamlProblem: Error {
    struct Context {
        let text: String
        let line: Int
        let column: Int
    }

    /// A scanner, parser or composer error at `line`:`column`.
    case syntax(problem: String, line: Int, column: Int, context: Context?)
    /// The same key more than once in a mapping; the position is the first of the smallest such key.
    case duplicateKeys([String], line: Int, column: Int)
    /// Bytes that are not text; `offset` counts characters from the start.
    case reader(problem: String, offset: Int?)
    case other

    init(_ error: any Error) {
        if let problem = error as? YamlProblem {
            self = problem
            return
        }
        guard let yamlError = error as? YamlError else {
            self = .other
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            self = .syntax(
                problem: problem, line: mark.line, column: mark.column,
                context: context.map { Context(text: $0.text, line: $0.mark.line, column: $0.mark.column) })
        case .duplicatedKeysInMapping(let duplicates, let context):
            self = .duplicateKeys(duplicates, line: context.mark.line, column: context.mark.column)
        case .reader(let problem, let offset, _, _):
            self = .reader(problem: problem, offset: offset)
        default:
            self = .other
        }
    }
}
