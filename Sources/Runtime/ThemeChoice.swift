import Dashboard

/// The themes a dashboard can switch between, the one it starts with, and why the asked-for
/// one could not be used (it then starts with the default).
struct ThemeChoice: Sendable {
    let loader: ThemeLoader
    let chosen: Theme
    let names: [String]
    let error: ThemeError?

    init(asked: String?, environment: [String: String]) {
        loader = ThemeLoader(
            environment: environment, bundledDirectory: InstalledThemes.directory(environment: environment),
            builtIn: BuiltInThemes.texts)
        (chosen, error) = loader.loadOrDefault(asked ?? Theme.builtinDefault.name)
        var names = loader.availableNames()
        if !names.contains(chosen.name) { names.append(chosen.name) }
        self.names = names
    }
}
