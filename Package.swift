// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tokentop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tokentop", targets: ["tokentop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/pointfreeco/swift-clocks.git", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // ncurses, wide-character build. The shim turns macros into inline functions.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // forkpty and wait4 for the bench: a C shim so fork+exec runs no Swift in the child.
        .systemLibrary(name: "CPty"),
        // malloc_trim: after loading a large profiles file, the freed YAML tree goes back to the system.
        .systemLibrary(name: "CMallocTrim"),
        // Profiles, secret references, token client, refresh engine, result log.
        .target(
            name: "TokentopCore",
            dependencies: [
                "CMallocTrim",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The local stand-in for the EnKash token endpoint.
        .target(
            name: "Sandbox",
            dependencies: [
                "TokentopCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The control socket: protocol v1 codec, server and client, `RemoteTokenService`.
        .target(
            name: "Control",
            dependencies: [
                "TokentopCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The screen as pure values: state, messages, update, view into a cell grid, key map, themes.
        // No ncurses here; the Terminal target draws the grid.
        .target(
            name: "Dashboard",
            dependencies: ["TokentopCore"]
        ),
        // The ncurses backend: draws a cell grid, reads keys, owns the screen on one thread.
        .target(
            name: "Terminal",
            dependencies: ["CNcurses", "Dashboard", "TokentopCore"]
        ),
        // Running without a screen: Prometheus metrics, the health report, their HTTP server.
        .target(
            name: "Operations",
            dependencies: [
                "TokentopCore",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A running process: owner or viewer, the one start/stop sequence as a ServiceGroup, the one
        // reload path, signals; what each subcommand runs.
        .target(
            name: "Runtime",
            dependencies: [
                "TokentopCore",
                "Sandbox",
                "Operations",
                "Control",
                "Dashboard",
                "Terminal",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Only ArgumentParser commands that call Runtime.
        .executableTarget(
            name: "tokentop",
            dependencies: [
                "Runtime",
                "TokentopCore",
                "Operations",
                "Control",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The benchmark harness: drives tokentop and its peers in pseudo-terminals, measures from outside.
        .executableTarget(
            name: "tokentop-bench",
            dependencies: [
                "CPty",
                "TokentopCore",
                "TokentopFuzz",
                "Soak",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/TokentopBench"
        ),
        // Seeded byte-level fuzzing of the response decoder and the profiles parser (the bench's
        // `fuzz` scenario runs it for a budget; a short seeded run is in TokentopCoreTests).
        .target(
            name: "TokentopFuzz",
            dependencies: ["TokentopCore"]
        ),
        // The fault soak's analysis: result-log lines, token gaps, retry spacing, lost lines, RSS
        // (pure; the bench's `soak` scenario and a test-clock run in TokentopCoreTests feed it).
        .target(
            name: "Soak",
            dependencies: ["TokentopCore"]
        ),
        .testTarget(
            name: "TokentopCoreTests",
            dependencies: [
                "TokentopCore",
                "TokentopFuzz",
                "Soak",
                "Sandbox",
                "TinyproxyFixture",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox",
                "TokentopCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ControlTests",
            dependencies: ["Control", "TokentopCore", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal", "Dashboard", "CNcurses"]
        ),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "TokentopCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "Runtime", "TokentopCore", "Control", "Sandbox", "Operations", "Dashboard",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "TokentopCore"],
            // The golden views are read from the source tree by path, not bundled.
            exclude: ["Golden"]
        ),
        // A real tinyproxy per test, and loopback ports, for the proxy tests of two test targets.
        .target(name: "TinyproxyFixture", path: "Tests/TinyproxyFixture"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TokentopCore", "CNcurses", "TinyproxyFixture",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Runs every tokentop-bench scenario with --quick: the harness must keep producing figures.
        .testTarget(name: "BenchTests"),
    ],
    swiftLanguageModes: [.v6]
)
