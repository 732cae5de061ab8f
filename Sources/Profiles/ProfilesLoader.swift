import CMallocTrim
import Foundation
import TokenModel
import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a profiles file (YAML), checks every field, resolves secret references, and reports all
/// problems at once as `ConfigDiagnostic`s with file, line, column and field path.
public enum ProfilesLoader {
    /// Reads and checks the profiles file at `path` (a leading `~` is expanded).
    ///
    /// Secret commands run synchronously here (each up to its timeout), so call this before the
    /// refresh engine starts, not from a hot path.
    /// - Parameter strict: turn warnings (a literal secret in a group/world-readable file) into errors.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment, strict: Bool = false
    ) throws(ConfigError) -> ProfileSet {
        let fullPath = (PathExpansion.expand(path, baseDirectory: "", environment: environment) as NSString)
            .standardizingPath
        let contents = try read(fullPath, displayPath: path)
        let set = try parse(
            yaml: contents.text, file: path, baseDirectory: (fullPath as NSString).deletingLastPathComponent,
            environment: environment, fileMode: contents.mode, strict: strict)
        // The file's text and what decoding left behind are free now, but glibc keeps such memory
        // mapped (and counted in RSS) until it is trimmed.
        _ = tt_release_free_memory()
        return set
    }

    /// Checks profiles given as YAML text. `file` names it in diagnostics and becomes `ProfileSet.source`;
    /// `baseDirectory` anchors relative `{file: ...}` references; `fileMode` (the file's `st_mode`),
    /// when given, enables the literal-secret permission check.
    public static func parse(
        yaml: String, file: String, baseDirectory: String, environment: [String: String], fileMode: mode_t? = nil,
        strict: Bool = false
    ) throws(ConfigError) -> ProfileSet {
        var log = DiagnosticLog(file: file, strict: strict)
        let decoder = ProfilesDecoder(environment: environment, baseDirectory: baseDirectory)
        // The whole document is composed (and so checked: syntax, aliases, duplicate keys, a single
        // document) before any field is decoded, so no secret command runs for a file that is not
        // valid YAML. The basic resolver: the decoder reads scalars as text and never looks at
        // resolved tags, and the default resolver runs its regular expressions on every scalar.
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            throw ConfigError([YamlErrorDiagnostic.make(error, yaml: yaml, file: file)])
        }
        let result = decoder.decode(root, log: &log)

        if let secret = result.firstLiteralSecret, let fileMode, fileMode & 0o044 != 0 {
            let mode = String(fileMode & 0o777, radix: 8)
            log.add(
                strict ? .error : .warning, secret.field, line: secret.node.mark?.line,
                column: secret.node.mark?.column,
                "a literal \(secret.field.split(separator: ".").last ?? "secretKey") is stored in a file that group "
                    + "or others can read (mode \(mode))",
                hint: "run `chmod 600 \(file)`, or use a reference: {env: VAR}, {file: PATH} or {command: \"...\"}")
        }

        let diagnostics = log.sorted
        guard log.errorCount == 0 else { throw ConfigError(diagnostics) }
        return ProfileSet(
            source: file, profiles: result.profiles, concurrency: result.concurrency,
            warnings: diagnostics.filter { $0.severity == .warning })
    }

    private static func read(_ path: String, displayPath: String) throws(ConfigError) -> (text: String, mode: mode_t) {
        func failure(_ message: String, _ hint: String) -> ConfigError {
            ConfigError([ConfigDiagnostic(file: displayPath, field: "", message: message, hint: hint)])
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw failure(
                    "no profiles file at \(path)",
                    "run `tokentop init` to create one (or `tokentop init --config \(displayPath)`), "
                        + "or try `tokentop --demo` without one")
            }
            throw failure(
                "cannot open \(path): \(String(cString: strerror(code)))", "check the path and its permissions")
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw failure("\(path) is a directory, not a profiles file", "point to the profiles.yaml inside it")
        }
        // A FIFO (or a socket or device) would block the read for ever: `validate` and a reload
        // must answer.
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw failure(
                "\(path) is not a regular file (a FIFO, socket or device)", "point to a profiles.yaml file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) != 0 ? String(cString: strerror(errno)) : "read failed"
            throw failure("cannot read \(path): \(reason)", "check the file's owner and mode (`ls -l \(path)`)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure("\(path) is not UTF-8 text", "save it as UTF-8")
        }
        return (text, info.st_mode)
    }
}
