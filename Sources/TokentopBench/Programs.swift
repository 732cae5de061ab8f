import Foundation

/// Finds the programs a scenario runs: tokentop itself (next to this binary) and the peers.
struct Programs {
    let tokentop: String

    init(explicit: String?) throws {
        if let explicit {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw BenchError("--tokentop \(explicit) is not an executable file")
            }
            tokentop = explicit
            return
        }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["TOKENTOP_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
            tokentop = path
            return
        }
        let here = URL(fileURLWithPath: Programs.selfPath()).deletingLastPathComponent()
        let candidate = here.appendingPathComponent("tokentop").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw BenchError(
                "no tokentop binary next to \(here.path); build it first (swift build -c release) or pass --tokentop PATH"
            )
        }
        tokentop = candidate
    }

    /// A peer from PATH, or why it cannot run.
    static func peer(_ name: String, package: String? = nil) -> Result<String, BenchError> {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return .success(candidate) }
        }
        return .failure(BenchError("\(name) is not installed (apt-get install \(package ?? name))"))
    }

    private static func selfPath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
