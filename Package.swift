// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tokentop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tokentop", targets: ["tokentop"])
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
        // Only for `swift package generate-documentation` (the DocC catalog); plugins build only when invoked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
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
        // prctl(PR_SET_DUMPABLE): commands holding secrets leave no core file and cannot be attached to.
        .systemLibrary(name: "CProcessGuard"),
        // The vocabulary every other target speaks: profiles and their settings, secrets, tokens,
        // attempts, states, events, the one `ResultCode`, the `TokenService` protocol, JSON, and the
        // one place that formats and parses times. Crypto only for a token's SHA-256 fingerprint.
        .target(
            name: "TokenModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Runs a shell command with a timeout (`{command: ...}` secrets, `onRefresh` hooks).
        .target(
            name: "Shell",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
        ),
        // Private files and directories: mode 0700 directories, complete writes to a descriptor.
        .target(name: "PrivateFiles"),
        // Blocking work (fsync, waiting for a child) on threads of its own, off the cooperative pool.
        .target(
            name: "BlockingThreads",
            dependencies: [.product(name: "DequeModule", package: "swift-collections")]
        ),
        // A seeded random number generator: reproducible jitter, sandbox answers and fuzzing.
        .target(name: "SeededRandomness"),
        // Reading the profiles file (Yams): diagnostics with file:line:column, secret references,
        // defaults, proxy settings, the template, location rules.
        .target(
            name: "Profiles",
            dependencies: [
                "TokenModel", "Shell", "PrivateFiles", "BlockingThreads",
                "CMallocTrim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The token call: request, transport on AsyncHTTPClient (TLS, proxy, deadline, caps),
        // decoding and classification of the answer.
        .target(
            name: "EnKashClient",
            dependencies: [
                "TokenModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The result log: JSON Lines writer with rotation, batched appends, and the tail reader
        // that reads history back.
        .target(
            name: "ResultLog",
            dependencies: ["TokenModel", "PrivateFiles"]
        ),
        // Sink files, the sinks state file, reuse of a sink's token at start, `onRefresh` hooks.
        .target(
            name: "Sinks",
            dependencies: [
                "TokenModel", "Shell", "PrivateFiles", "BlockingThreads",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The refresh engine: the policy, the pure scheduler, the actor that performs its actions
        // (through the TokenFetcher, AttemptLog and TokenDelivery protocols of TokenModel).
        .target(
            name: "Refresh",
            dependencies: [
                "TokenModel", "SeededRandomness",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // The local stand-in for the EnKash token endpoint.
        .target(
            name: "Sandbox",
            dependencies: [
                "TokenModel", "SeededRandomness",
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
                "TokenModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The screen as pure values: state, messages, update, view into a cell grid, key map, themes.
        // No ncurses here; the Terminal target draws the grid.
        .target(
            name: "Dashboard",
            dependencies: ["TokenModel"]
        ),
        // The ncurses backend: draws a cell grid, reads keys, owns the screen on one thread.
        .target(
            name: "Terminal",
            dependencies: ["CNcurses", "Dashboard", "TokenModel"]
        ),
        // Running without a screen: Prometheus metrics, the health report, their HTTP server.
        .target(
            name: "Operations",
            dependencies: [
                "TokenModel",
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
                "TokenModel",
                "Profiles",
                "EnKashClient",
                "Refresh",
                "ResultLog",
                "Sinks",
                "PrivateFiles",
                "BlockingThreads",
                "Sandbox",
                "Operations",
                "Control",
                "Dashboard",
                "Terminal",
                "CProcessGuard",
                .product(name: "Crypto", package: "swift-crypto"),
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
                "TokenModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The benchmark harness: drives tokentop and its peers in pseudo-terminals, measures from outside.
        .executableTarget(
            name: "tokentop-bench",
            dependencies: [
                "CPty",
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
        // `fuzz` scenario runs it for a budget; a short seeded run is in TokentopFuzzTests).
        .target(
            name: "TokentopFuzz",
            dependencies: ["TokenModel", "Profiles", "EnKashClient", "SeededRandomness"]
        ),
        // The fault soak's analysis: result-log lines, token gaps, retry spacing, lost lines, RSS
        // (pure; the bench's `soak` scenario and a test-clock run in SoakTests feed it).
        .target(
            name: "Soak",
            dependencies: ["TokenModel", "Refresh"]
        ),
        // Fixtures shared by several test targets: temporary directories, test profiles, a scripted
        // transport, descriptors held open, a child-process probe.
        .target(
            name: "TestFixtures",
            dependencies: ["TokenModel", "EnKashClient", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestFixtures"
        ),
        .testTarget(name: "TokenModelTests", dependencies: ["TokenModel"]),
        .testTarget(
            name: "ProfilesTests",
            dependencies: ["Profiles", "TokenModel", "BlockingThreads", "TestFixtures"]
        ),
        .testTarget(
            name: "EnKashClientTests",
            dependencies: [
                "EnKashClient", "TokenModel", "TinyproxyFixture",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "RefreshTests",
            dependencies: [
                "Refresh", "TokenModel", "EnKashClient", "ResultLog", "Sandbox", "SeededRandomness", "TestFixtures",
                .product(name: "Clocks", package: "swift-clocks"),
            ]
        ),
        .testTarget(name: "ResultLogTests", dependencies: ["ResultLog", "TokenModel", "TestFixtures"]),
        .testTarget(
            name: "SinksTests",
            dependencies: [
                "Sinks", "TokenModel", "TestFixtures",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "BlockingThreadsTests", dependencies: ["BlockingThreads"]),
        .testTarget(name: "PrivateFilesTests", dependencies: ["PrivateFiles", "TestFixtures"]),
        // The soak's analysis, and a soak run on the test clock.
        .testTarget(
            name: "SoakTests",
            dependencies: [
                "Soak", "Refresh", "TokenModel", "EnKashClient", "ResultLog", "SeededRandomness", "TestFixtures",
                .product(name: "Clocks", package: "swift-clocks"),
            ]
        ),
        // A short seeded fuzzing run.
        .testTarget(name: "TokentopFuzzTests", dependencies: ["TokentopFuzz", "TokenModel"]),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox",
                "TokenModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ControlTests",
            dependencies: [
                "Control", "TokenModel", "Refresh", "EnKashClient", "TestFixtures",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal", "Dashboard", "CNcurses"]
        ),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "TokenModel",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "Runtime", "TokenModel", "Profiles", "Refresh", "ResultLog", "EnKashClient", "TestFixtures", "Control",
                "Sandbox",
                "Operations", "Dashboard", "Terminal",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "TokenModel"],
            // The golden views are read from the source tree by path, not bundled.
            exclude: ["Golden"]
        ),
        // A real tinyproxy per test, and loopback ports, for the proxy tests of two test targets.
        .target(name: "TinyproxyFixture", path: "Tests/TinyproxyFixture"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TokenModel", "Runtime", "CNcurses", "TinyproxyFixture", "TestFixtures",
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
