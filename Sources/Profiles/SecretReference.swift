import Foundation
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a profile's `accessKey` or `secretKey` comes from.
///
///     secretKey: s3cr3t                          literal (discouraged for secretKey)
///     secretKey: {env: ENKASH_SECRET_KEY}        an environment variable
///     secretKey: {file: ~/.secrets/enkash}       first line of a file; relative to the profiles file
///     secretKey: {command: "pass show enkash", timeout: 5s}
///                                                stdout of `/bin/sh -c`, default timeout 10 s
public enum SecretReference: Sendable, Equatable {
    case literal(SecretString)
    case env(String)
    case file(String)
    case command(String, timeout: Duration)

    public static let defaultCommandTimeout: Duration = .seconds(10)
    /// Longest secret read from a file or a command.
    static let sizeLimit = 64 * 1024

    /// Why a reference could not be resolved. Messages never contain the secret or command output.
    public enum ResolveError: Error, Sendable, Equatable, CustomStringConvertible {
        case emptyLiteral
        case variableNotSet(String)
        case variableEmpty(String)
        case fileMissing(path: String)
        case fileUnreadable(path: String, reason: String)
        case fileEmpty(path: String)
        case commandLaunchFailed(reason: String)
        case commandFailed(status: Int32)
        case commandKilled(signal: Int32)
        case commandTimedOut(Duration)
        case commandEmpty
        case commandMultiline(lines: Int)
        case commandOutputTooLarge
        case commandOutputNotText

        public var message: String {
            switch self {
            case .emptyLiteral: "is empty"
            case .variableNotSet(let name): "environment variable \(name) is not set"
            case .variableEmpty(let name): "environment variable \(name) is set but empty"
            case .fileMissing(let path): "secret file \(path) does not exist"
            case .fileUnreadable(let path, let reason): "cannot read secret file \(path): \(reason)"
            case .fileEmpty(let path): "the first line of secret file \(path) is empty"
            case .commandLaunchFailed(let reason): "could not start the secret command: \(reason)"
            case .commandFailed(let status):
                switch status {
                case 127: "secret command failed with exit status 127 (command not found)"
                case 126: "secret command failed with exit status 126 (not executable)"
                default: "secret command failed with exit status \(status)"
                }
            case .commandKilled(let signal): "secret command was killed by signal \(signal)"
            case .commandTimedOut(let limit): "secret command did not finish within \(DurationText.format(limit))"
            case .commandEmpty: "secret command printed nothing"
            case .commandMultiline(let lines): "secret command printed \(lines) lines instead of one"
            case .commandOutputTooLarge: "secret command printed more than \(SecretReference.sizeLimit / 1024) KiB"
            case .commandOutputNotText: "secret command printed something that is not UTF-8 text"
            }
        }

        public var hint: String {
            switch self {
            case .emptyLiteral: "put the value here, or a reference such as {env: VAR}"
            case .variableNotSet: "export it or change the reference"
            case .variableEmpty: "give it a value or change the reference"
            case .fileMissing: "create the file (first line = the secret, mode 600) or fix the path"
            case .fileUnreadable: "check the path, its owner and its mode (`ls -l`)"
            case .fileEmpty: "put the secret on the first line of the file"
            case .commandLaunchFailed: "check that /bin/sh exists and the system can start processes"
            case .commandFailed, .commandKilled, .commandEmpty, .commandOutputNotText:
                "run the command by hand to see what it prints and why it fails"
            case .commandTimedOut: "make the command faster or raise `timeout:` in the reference (at most 5m)"
            case .commandMultiline: "make the command print only the secret, on one line"
            case .commandOutputTooLarge: "make the command print only the secret"
            }
        }

        public var description: String { "\(message) — \(hint)" }
    }

    /// Reads the secret. `baseDirectory` anchors relative `file` paths (the profiles file's directory);
    /// `environment` supplies `env` values, `~` and the environment of commands.
    public func resolve(environment: [String: String], baseDirectory: String) throws(ResolveError) -> SecretString {
        try resolveNotingExposure(environment: environment, baseDirectory: baseDirectory).secret
    }

    /// `resolve`, and for a `file` reference whose file group or others can read, its path and
    /// permission bits (the caller warns, as for a literal secret in a readable profiles file).
    func resolveNotingExposure(
        environment: [String: String], baseDirectory: String
    ) throws(ResolveError) -> (secret: SecretString, readableFile: (path: String, mode: mode_t)?) {
        switch self {
        case .literal(let value):
            guard !value.reveal().trimmedWhitespace.isEmpty else {
                throw .emptyLiteral
            }
            return (value, nil)
        case .env(let name):
            guard let value = environment[name] else { throw .variableNotSet(name) }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .variableEmpty(name) }
            return (SecretString(trimmed), nil)
        case .file(let path):
            let full = PathExpansion.expand(path, baseDirectory: baseDirectory, environment: environment)
            let (line, mode) = try Self.readFirstLine(full)
            guard mode & 0o044 != 0 else { return (SecretString(line), nil) }
            return (SecretString(line), (path: full, mode: mode & 0o777))
        case .command(let command, let timeout):
            let output = try SecretCommandRunner.run(command, timeout: timeout, environment: environment)
            return (SecretString(output), nil)
        }
    }

    /// The first line of a file, trimmed, and the file's `st_mode`. A symlink to the file is
    /// followed; the file itself must be a regular file. `O_NONBLOCK` keeps a FIFO at the path
    /// from blocking the open (and so `validate` or a reload) until some writer comes.
    static func readFirstLine(_ path: String) throws(ResolveError) -> (line: String, mode: mode_t) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileMissing(path: path) }
            throw .fileUnreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .fileUnreadable(path: path, reason: "it is a directory")
        default: throw .fileUnreadable(path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < sizeLimit {
            let count = read(fd, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if chunk[0..<count].contains(UInt8(ascii: "\n")) { break }
        }
        let firstLine =
            bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false)
            .first ?? []
        guard let text = String(validating: firstLine, as: UTF8.self) else {
            throw .fileUnreadable(path: path, reason: "its first line is not UTF-8 text")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .fileEmpty(path: path) }
        return (trimmed, info.st_mode)
    }
}
