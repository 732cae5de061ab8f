import Foundation
import Logging
import Sandbox
import TokenModel
import UnixSignals

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tokentop sandbox`: the local stand-in for EnKash's token endpoint, until SIGINT or SIGTERM.
///
/// Exit status: 0 after a signal, 1 when it cannot listen, 2 when the credentials file is refused.
public struct SandboxRun: Sendable {
    public let settings: SandboxSettings

    public init(settings: SandboxSettings) {
        self.settings = settings
    }

    public func run() async throws(RuntimeExit) {
        let served: [SandboxCredential]
        if let credentials = settings.credentials {
            do {
                served = try SandboxCredentialsFile.load(path: credentials)
            } catch {
                Self.printError("\(error)")
                throw RuntimeExit.configuration
            }
        } else {
            served = DemoMerchants.credentials
        }

        if settings.list {
            for line in SandboxListing.lines(
                served, demo: settings.credentials == nil, defaultLifetime: settings.tokenLifetime)
            {
                print(line)
            }
            return
        }
        if !Self.isLoopback(settings.host) {
            Self.printError(
                "warning: --host \(settings.host) is not loopback; anyone who can reach this machine can use the sandbox"
            )
        }

        var logger = Logger(label: "tokentop.sandbox") { EscapingLogHandler(StreamLogHandler.standardError(label: $0)) }
        logger.logLevel = .info
        // The default actions are suspended while the sandbox serves.
        for number in [SIGINT, SIGTERM] { signal(number, SIG_IGN) }
        defer { for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) } }
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let sandbox: SandboxServer
        do {
            sandbox = try await SandboxServer.start(
                host: settings.host, port: settings.port, credentials: served, defaultLifetime: settings.tokenLifetime,
                seed: settings.seed, logger: logger)
        } catch {
            Self.printError("error: \(error)")
            throw RuntimeExit.failure
        }
        // Written straight to the file descriptor (no stdio buffer) so a script waiting for it sees it now.
        let merchants = served.count == 1 ? "1 merchant" : "\(served.count) merchants"
        FileHandle.standardOutput.write(
            Data("sandbox listening on \(sandbox.baseURL.absoluteString) (\(merchants))\n".utf8))

        var iterator = signals.makeAsyncIterator()
        let number = await iterator.next()?.rawValue ?? SIGTERM
        logger.info("stopping", metadata: ["signal": .stringConvertible(number)])
        await sandbox.stop()
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.escapedLines(text) + "\n").utf8))
    }
}
