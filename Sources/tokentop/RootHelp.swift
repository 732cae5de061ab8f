import ArgumentParser

/// `tokentop --help`: ArgumentParser's help for the root command (its subcommands), followed by
/// the options of the default subcommand, the dashboard, which `tokentop` alone runs.
/// ArgumentParser's own root help lists only the subcommands.
enum RootHelp {
    /// True for `tokentop --help`, `tokentop -h` and `tokentop help`, with nothing after them.
    static func isRequest(_ arguments: [String]) -> Bool {
        arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"]
    }

    static func text(columns: Int? = nil) -> String {
        let dashboard = Tokentop.configuration.defaultSubcommand ?? DashboardRunCommand.self
        let name = dashboard._commandName
        var root = Tokentop.helpMessage(columns: columns)
        root = root.replacingOccurrences(
            of: "USAGE: tokentop <subcommand>\n",
            with: "USAGE: tokentop [<\(name) options>]\n       tokentop <subcommand>\n")
        let options = optionEntries(of: Tokentop.helpMessage(for: dashboard, columns: columns))
        guard !options.isEmpty else { return root }
        return root.trimmingSuffix("\n") + "\n\n"
            + "\(name.uppercased()) OPTIONS (`tokentop` with no subcommand runs the \(name)):\n" + options
    }

    /// The option entries of a help screen (everything from its `OPTIONS:` title on), without
    /// `--version` and `--help`, which the root's own list already shows.
    static func optionEntries(of help: String) -> String {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "OPTIONS:") else { return "" }
        var kept: [Substring] = []
        var skipping = false
        for line in lines[(start + 1)...] {
            // An entry starts at two spaces and a dash; its wrapped lines are indented further.
            if line.hasPrefix("  -") {
                skipping = line.hasPrefix("  --version ") || line.hasPrefix("  -h, --help ")
            }
            if !skipping { kept.append(line) }
        }
        while let last = kept.last, last.allSatisfy(\.isWhitespace) { kept.removeLast() }
        return kept.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: Character) -> String {
        var text = self
        while text.last == suffix { text.removeLast() }
        return text
    }
}
