import Foundation
import XCTest

/// `swift build --static-swift-stdlib` gives a tokentop that needs no Swift on the host: only libc,
/// ncursesw and the C++ runtime. Built in debug into `.build-static/` (its own scratch path, as
/// `swift test` holds `.build`); the first run builds every dependency again, later runs only
/// what changed.
///
/// XCTest on purpose: `swift test` runs the XCTest cases on their own, before the Swift Testing
/// suites, so this build does not load the machine while the timing-sensitive suites run.
final class StaticStdlibTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let scratch = packageRoot + "/.build-static"

    /// The `swift` driver: the first on PATH.
    static func swift() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(directory)/swift") {
            return "\(directory)/swift"
        }
        throw TestFailure("no `swift` on PATH; the static-stdlib build needs the toolchain")
    }

    static func staticBinary() async throws -> String {
        let build = try await Binary.run(
            [
                "build", "--package-path", packageRoot, "--product", "tokentop", "--static-swift-stdlib",
                "--scratch-path", scratch,
            ],
            limit: 3600, executable: try swift())
        guard build.status == 0 else {
            throw TestFailure("swift build --static-swift-stdlib failed (\(build.status)):\n\(build.all.suffix(4000))")
        }
        return scratch + "/debug/tokentop"
    }

    func testStaticBuildNeedsOnlyLibcNcurseswAndTheCxxRuntime() async throws {
        let binary = try await Self.staticBinary()
        let ldd = try await Binary.run([binary], executable: "/usr/bin/ldd")
        XCTAssertEqual(ldd.status, 0, ldd.all)
        let libraries = ldd.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for line in libraries {
            for swiftRuntime in ["libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime"] {
                XCTAssertFalse(line.contains(swiftRuntime), "the static build still links \(line)")
            }
            XCTAssertFalse(line.contains("not found"), line)
        }
        XCTAssertTrue(libraries.contains { $0.hasPrefix("libncursesw") }, "\(libraries)")
        XCTAssertTrue(libraries.contains { $0.hasPrefix("libc.so") }, "\(libraries)")

        // It runs with no library path set (ldd above already shows no Swift library is loaded).
        let hidden = ["LD_LIBRARY_PATH": ""]
        let version = try await Binary.run(["--version"], environment: hidden, executable: binary)
        XCTAssertEqual(version.status, 0, version.all)
        XCTAssertFalse(version.stdout.isEmpty)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokentop-static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let profiles = directory.appendingPathComponent("profiles.yaml").path
        try """
        profiles:
          - name: acme
            accessKey: fake-access-1234
            secretKey: {env: TOKENTOP_STATIC_SECRET}
            baseURL: http://127.0.0.1:9/
        """.write(toFile: profiles, atomically: true, encoding: .utf8)
        let validate = try await Binary.run(
            ["validate", "--config", profiles], environment: hidden.merging(["TOKENTOP_STATIC_SECRET": "fake"]) { $1 },
            executable: binary)
        XCTAssertEqual(validate.status, 0, validate.all)
        XCTAssertTrue(validate.all.contains("1 profile OK"), validate.all)
    }
}
