/// Where the profiles file is looked for.
public enum ProfilesLocation {
    /// `--config PATH`, else `$TOKENTOP_CONFIG`, else `$XDG_CONFIG_HOME/tokentop/profiles.yaml`
    /// (when absolute), else `$HOME/.config/tokentop/profiles.yaml`. A leading `~` is expanded.
    /// `reason` names the rule that chose the path, for "looked in ..." messages.
    public static func resolve(explicit: String?, environment: [String: String]) -> (path: String, reason: String) {
        if let explicit, !explicit.isEmpty {
            return (PathExpansion.expandTilde(explicit, environment: environment), "given with --config")
        }
        if let configured = environment["TOKENTOP_CONFIG"], !configured.isEmpty {
            return (PathExpansion.expandTilde(configured, environment: environment), "from $TOKENTOP_CONFIG")
        }
        // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return (join(xdg, "tokentop/profiles.yaml"), "from $XDG_CONFIG_HOME")
        }
        let home = PathExpansion.homeDirectory(environment)
        return (join(home, ".config/tokentop/profiles.yaml"), "the default under $HOME")
    }

    private static func join(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }
}
