import ArgumentParser
import TokenModel

/// `tokentop chek`: a first argument that is not an option and names no subcommand. The dashboard
/// (the default subcommand) takes no positional arguments, so such a word is a mistyped
/// subcommand; ArgumentParser alone would call it an unexpected argument of the dashboard.
enum SubcommandSuggestion {
    /// The names a first argument may be: every subcommand's, and `help`.
    static var names: [String] {
        Tokentop.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The error for `arguments`, or nil when its first word is an option or a known subcommand.
    static func error(for arguments: [String]) -> ValidationError? {
        guard let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) else { return nil }
        if let suggestion = DidYouMean.suggest(first, from: names) {
            return ValidationError("unknown subcommand '\(first)' (did you mean '\(suggestion)'?)")
        }
        return ValidationError("unknown subcommand '\(first)'; the subcommands are \(names.joined(separator: ", "))")
    }
}
