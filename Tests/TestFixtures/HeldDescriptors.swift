import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file and a pipe this process holds open without close-on-exec (as SwiftNIO's sockets are),
/// for tests that check a command tokentop starts inherits none of them; and the command that
/// lists a child's own descriptors, with the parser for its output.
public final class HeldDescriptors {
    /// `number=target` words, one per descriptor the shell running it holds.
    public static let listing = "ls -l /proc/self/fd | awk 'NR > 1 { printf \"%s=%s \", $9, $11 }'"

    public let file: Int32
    public let pipeEnds: [Int32]

    public init(in directory: TemporaryDirectory) throws {
        file = open(directory.file("held-open-by-tokentop"), O_CREAT | O_RDWR, 0o600)
        var ends: [Int32] = [-1, -1]
        guard file > 2, pipe(&ends) == 0 else { throw CocoaError(.fileWriteUnknown) }
        pipeEnds = ends
    }

    deinit {
        close(file)
        for end in pipeEnds { close(end) }
    }

    /// What the listing shows: descriptor number to target.
    public static func parse(_ listing: String) -> [Int: String] {
        var found: [Int: String] = [:]
        for word in listing.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let number = Int(parts[0]) { found[number] = String(parts[1]) }
        }
        return found
    }

    /// The descriptors above 2 in `found` other than the directory `ls` opened to list them.
    public static func beyondStandard(_ found: [Int: String]) -> [Int: String] {
        found.filter { $0.key > 2 && !($0.value.hasPrefix("/proc/") && $0.value.hasSuffix("/fd")) }
    }
}
