import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The JSON Lines result log: one line per token request, appended with a single `write(2)`
/// on an `O_APPEND` descriptor so concurrent writers never interleave within a line.
public final class ResultLog: Sendable {
    /// Where it writes.
    public enum Destination: Sendable, Equatable {
        case file(String)
        case standardOutput
    }

    public struct OpenError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "cannot open result log \(path): \(reason) — pass --log PATH with a writable path, or --log - for stdout"
        }
    }

    public let destination: Destination
    private let descriptor: Mutex<Int32>

    /// `--log PATH` wins; `-` means stdout; else `$XDG_STATE_HOME/tokentop/results.jsonl`
    /// (default `~/.local/state/tokentop/results.jsonl`).
    public static func destination(explicit: String?, environment: [String: String]) -> Destination {
        if let explicit { return explicit == "-" ? .standardOutput : .file(explicit) }
        return .file(stateDirectory(environment: environment) + "/results.jsonl")
    }

    /// tokentop's state directory: `$XDG_STATE_HOME/tokentop`, else `~/.local/state/tokentop`.
    public static func stateDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/tokentop" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/tokentop"
    }

    /// Opens (creating with mode 0600, parents 0700) or fails with an actionable error.
    public init(destination: Destination) throws(OpenError) {
        self.destination = destination
        switch destination {
        case .standardOutput:
            descriptor = Mutex(STDOUT_FILENO)
        case .file(let path):
            do {
                try PrivateDirectory.createParent(of: path)
            } catch {
                let directory = (path as NSString).deletingLastPathComponent
                throw OpenError(path: path, reason: "cannot create directory \(directory)")
            }
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw OpenError(path: path, reason: String(cString: strerror(errno))) }
            // A log that already existed with wider permissions is tightened: it names merchants.
            _ = fchmod(fd, 0o600)
            descriptor = Mutex(fd)
        }
    }

    deinit {
        descriptor.withLock { fd in
            if fd > STDERR_FILENO { close(fd) }
        }
    }

    /// Appends one entry. Returns false (and writes nothing partial on purpose) when the write fails.
    @discardableResult
    public func append(_ entry: ResultLogEntry) -> Bool {
        write(line: entry.jsonLine)
    }

    @discardableResult
    func write(line: String) -> Bool {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        return descriptor.withLock { fd in FileDescriptorWriter.writeAll(fd, bytes) == nil }
    }
}
