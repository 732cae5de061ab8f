import Foundation

/// A private temp directory for one bench run: HOME and the XDG directories point into it, so
/// no program touches the operator's own files. It also holds the generated profiles files and
/// sandbox credentials (synthetic keys made up here, never real ones).
final class BenchWorkspace {
    let root: String
    private var counter = 0

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/tokentop-bench-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } != nil
        }
        guard made else {
            throw BenchError("cannot create a temp directory under \(NSTemporaryDirectory())")
        }
        root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for directory in ["home", "config", "state", "runtime", "cache"] {
            try FileManager.default.createDirectory(
                atPath: "\(root)/\(directory)", withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
    }

    /// Set to leave the directory behind (a failed soak keeps its logs for a look).
    var keep = false

    deinit { if !keep { try? FileManager.default.removeItem(atPath: root) } }

    /// The environment every program runs with: a fixed terminal, UTF-8, our directories.
    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": "\(root)/home",
            "XDG_CONFIG_HOME": "\(root)/config",
            "XDG_STATE_HOME": "\(root)/state",
            "XDG_RUNTIME_DIR": "\(root)/runtime",
            "XDG_CACHE_HOME": "\(root)/cache",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        ]
    }

    /// A new, unique path inside the workspace.
    func path(_ name: String) -> String {
        counter += 1
        return "\(root)/\(counter)-\(name)"
    }

    func write(_ text: String, to path: String) throws {
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw BenchError("cannot write \(path)") }
    }

    static func accessKey(_ index: Int) -> String { "AK-bench-\(index)" }
    static func secretKey(_ index: Int) -> String { "SK-bench-\(index)-synthetic" }

    /// A sandbox credentials file for keys 1...count, tokens living `lifetime` (steady state).
    func credentialsFile(count: Int, lifetime: String = "24h") throws -> String {
        var text = ""
        text.reserveCapacity(count * 80)
        for index in 1...max(1, count) {
            text +=
                "- accessKey: \(Self.accessKey(index))\n  secretKey: \(Self.secretKey(index))\n  lifetime: \(lifetime)\n"
        }
        let file = path("credentials.yaml")
        try write(text, to: file)
        return file
    }

    /// A profiles file with `count` profiles against the sandbox at `baseURL`.
    func profilesFile(count: Int, baseURL: String, concurrency: Int = 64) throws -> String {
        var text = "concurrency: \(concurrency)\nprofiles:\n"
        text.reserveCapacity(count * 140)
        for index in 1...max(1, count) {
            text += """
                  - name: merchant-\(index)
                    merchant: Bench Merchant \(index)
                    baseURL: \(baseURL)
                    accessKey: \(Self.accessKey(index))
                    secretKey: \(Self.secretKey(index))

                """
        }
        let file = path("profiles-\(count).yaml")
        try write(text, to: file)
        return file
    }
}
