import Foundation

/// Finds and reads themes: `--theme NAME|PATH`, then `$XDG_CONFIG_HOME/tokentop/themes/NAME.theme`
/// (`~/.config` when unset), then the installed themes directory, then the themes compiled into
/// the binary. A file wins over a compiled-in theme of the same name. The only file I/O in the
/// Dashboard target.
public struct ThemeLoader: Sendable {
    public static let fileExtension = "theme"
    /// Larger files are refused rather than read.
    static let maximumFileSize = 64 * 1024

    /// The user's themes directory, searched first.
    public var userDirectory: String?
    /// The installed themes directory (`<prefix>/share/tokentop/themes`), searched second.
    public var bundledDirectory: String?
    /// Themes compiled in (name → file text, `BuiltInThemes.texts`), used when no file has the name.
    public var builtIn: [String: String]

    public init(userDirectory: String?, bundledDirectory: String?, builtIn: [String: String] = [:]) {
        self.userDirectory = userDirectory
        self.bundledDirectory = bundledDirectory
        self.builtIn = builtIn
    }

    /// The user directory from `XDG_CONFIG_HOME` (or `HOME/.config`) in `environment`.
    public init(environment: [String: String], bundledDirectory: String?, builtIn: [String: String] = [:]) {
        var config: String?
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            config = home + "/.config"
        }
        self.init(
            userDirectory: config.map { $0 + "/tokentop/themes" }, bundledDirectory: bundledDirectory, builtIn: builtIn)
    }

    /// True when `argument` names a file rather than a theme: it has a `/` or ends in `.theme`.
    public static func isPath(_ argument: String) -> Bool {
        argument.contains("/") || argument.hasSuffix("." + fileExtension)
    }

    /// The files tried for `argument`, in order.
    public func candidates(for argument: String) -> [String] {
        if ThemeLoader.isPath(argument) { return [argument] }
        return [userDirectory, bundledDirectory].compactMap { $0 }.map {
            "\($0)/\(argument).\(ThemeLoader.fileExtension)"
        }
    }

    /// The theme `argument` names or points at, or why it cannot be used.
    public func load(_ argument: String) -> Result<Theme, ThemeError> {
        let files = candidates(for: argument)
        guard let file = files.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            if !ThemeLoader.isPath(argument), let text = builtIn[argument] {
                do {
                    return .success(try ThemeParser.parse(text, name: argument, file: "built-in theme \(argument)"))
                } catch {
                    return .failure(error)
                }
            }
            if argument == Theme.builtinDefault.name { return .success(Theme.builtinDefault) }
            var places = files
            if !builtIn.isEmpty, !ThemeLoader.isPath(argument) {
                places.append("the built-in themes (" + builtIn.keys.sorted().joined(separator: ", ") + ")")
            }
            let looked: String
            switch places.count {
            case 0: looked = "no themes directory is known"
            case 1: looked = "looked in " + places[0]
            default:
                looked = "looked in " + places.dropLast().joined(separator: ", ") + " and " + places[places.count - 1]
            }
            return .failure(ThemeError(file: argument, message: "no such theme; \(looked)"))
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard size <= ThemeLoader.maximumFileSize else {
            return .failure(ThemeError(file: file, message: "\(size) bytes is too large for a theme file"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(ThemeError(file: file, message: "cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ThemeError(file: file, message: "is not UTF-8 text"))
        }
        do {
            return .success(try ThemeParser.parse(text, name: name, file: file))
        } catch {
            return .failure(error)
        }
    }

    /// The theme to use and, when the asked-for one failed, the error to show: a broken or
    /// missing theme gives the built-in default.
    public func loadOrDefault(_ argument: String?) -> (theme: Theme, error: ThemeError?) {
        guard let argument else { return (Theme.builtinDefault, nil) }
        switch load(argument) {
        case .success(let theme): return (theme, nil)
        case .failure(let error): return (Theme.builtinDefault, error)
        }
    }

    /// Theme names `t` cycles through: `default` first, then the compiled-in themes and every
    /// `.theme` file in the user and installed directories, sorted, without repeats.
    public func availableNames() -> [String] {
        var names = Set(builtIn.keys)
        for directory in [userDirectory, bundledDirectory].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix("." + ThemeLoader.fileExtension) {
                names.insert(String(file.dropLast(ThemeLoader.fileExtension.count + 1)))
            }
        }
        names.remove(Theme.builtinDefault.name)
        return [Theme.builtinDefault.name] + names.sorted()
    }
}
