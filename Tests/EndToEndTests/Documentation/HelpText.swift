/// What one ArgumentParser `--help` screen lists: the long options of its option sections
/// (`OPTIONS:`, `DASHBOARD OPTIONS (...):`) and the subcommands of its `SUBCOMMANDS:` section.
struct HelpText: Equatable, Sendable {
    /// Long option names as written, `--config`, in order of appearance, without repeats.
    var longOptions: [String] = []
    /// Subcommand names, `check`, in order of appearance (a `(default)` marker dropped).
    var subcommands: [String] = []

    init(longOptions: [String] = [], subcommands: [String] = []) {
        self.longOptions = longOptions
        self.subcommands = subcommands
    }

    init(parsing text: String) {
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = Self.sectionName(line) {
                section = name
                continue
            }
            // Entries are indented by exactly two spaces; their wrapped descriptions by more.
            guard line.hasPrefix("  "), line.dropFirst(2).first.map({ $0 != " " }) == true else { continue }
            let entry = line.dropFirst(2)
            if section == "SUBCOMMANDS" {
                let name = entry.prefix { $0.isLowercase || $0.isNumber || $0 == "-" }
                let after = entry.dropFirst(name.count)
                if !name.isEmpty, after.isEmpty || after.first == " " { subcommands.append(String(name)) }
            } else if section.hasSuffix("OPTIONS") {
                for name in Self.optionNames(entry) where !longOptions.contains(name) { longOptions.append(name) }
            }
        }
    }

    /// `OPTIONS:` -> "OPTIONS", `DASHBOARD OPTIONS (`x`):` -> "DASHBOARD OPTIONS", `USAGE: ...` ->
    /// "USAGE"; nil for a line that does not start a section (it starts with a space, or is prose).
    static func sectionName(_ line: Substring) -> String? {
        guard let first = line.first, first.isUppercase else { return nil }
        var name = line.prefix { $0.isUppercase || $0 == " " }
        while name.last == " " { name = name.dropLast() }
        let rest = line.dropFirst(name.count).drop { $0 == " " }
        guard name.count >= 2, name.allSatisfy({ $0.isUppercase || $0 == " " }),
            rest.first == ":" || rest.first == "("
        else { return nil }
        return String(name)
    }

    /// The long names of an option entry's name column: `-h, --help  Show...` -> [--help];
    /// `--log-level <log-level> Diagnostics...` -> [--log-level]. The column ends at the first word
    /// that is neither a name (`-x`, `--name`, with a trailing comma) nor a value (`<...>`, `...`).
    static func optionNames(_ entry: Substring) -> [String] {
        var names: [String] = []
        for word in entry.split(separator: " ") {
            let bare = word.hasSuffix(",") ? word.dropLast() : word
            if bare.hasPrefix("--"), bare.count > 2 {
                names.append(String(bare))
            } else if bare.hasPrefix("-") || bare.hasPrefix("<") || bare.hasPrefix("[<") || bare == "..." {
                continue
            } else {
                break
            }
        }
        return names
    }
}
