import ArgumentParser
import Foundation
import Logging
import Sandbox
import TokenModel

/// `tokentop sandbox`: runs the local stand-in for EnKash's token endpoint until SIGINT/SIGTERM.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local stand-in for the EnKash token endpoint, with scripted faults.",
        discussion: """
            Serves POST /api/v0/merchant/token, GET /_sandbox/stats and DELETE /_sandbox/stats (reset the counts). Without --credentials it serves \
            the built-in demo merchants (see --list). Prints 'sandbox listening on URL (N merchants)' \
            once ready; stops cleanly on Ctrl-C or SIGTERM.
            """
    )

    @Option(help: "Address to listen on. Anything but loopback exposes the sandbox to the network.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(help: "YAML list of credentials and their faults (default: the built-in demo merchants).")
    var credentials: String?

    @Option(name: .customLong("token-lifetime"), help: "Token lifetime for credentials that set none, e.g. 300s or 5m.")
    var tokenLifetime = "300s"

    @Option(help: "Seed for every random decision, to make a run reproducible.")
    var seed: UInt64?

    @Flag(help: "List the merchants that would be served (access keys masked) and exit.")
    var list = false

    func validate() throws {
        do {
            if try DurationText.parse(tokenLifetime) <= .zero {
                throw ValidationError("--token-lifetime must be longer than zero, e.g. 300s")
            }
        } catch let error as DurationText.ParseError {
            throw ValidationError("--token-lifetime: \(error.description)")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535 (0 picks a free port)")
        }
    }

    mutating func run() async throws {
        let lifetime = try DurationText.parse(tokenLifetime)
        let served: [SandboxCredential]
        if let credentials {
            do {
                served = try SandboxCredentialsFile.load(path: credentials)
            } catch {
                Self.printError("\(error)")
                throw ExitCode(2)
            }
        } else {
            served = DemoMerchants.credentials
        }

        if list {
            printList(served, defaultLifetime: lifetime)
            return
        }
        if !Self.isLoopback(host) {
            Self.printError(
                "warning: --host \(host) is not loopback; anyone who can reach this machine can use the sandbox")
        }

        var logger = Logger(label: "tokentop.sandbox") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        let sandbox: SandboxServer
        do {
            sandbox = try await SandboxServer.start(
                host: host, port: port, credentials: served, defaultLifetime: lifetime, seed: seed, logger: logger)
        } catch {
            Self.printError("error: \(error)")
            throw ExitCode.failure
        }
        // Written straight to the file descriptor (no stdio buffer) so a script waiting for it sees it now.
        FileHandle.standardOutput.write(
            Data("sandbox listening on \(sandbox.baseURL.absoluteString) (\(served.count) merchants)\n".utf8))

        let signal = await TerminationSignals.next()
        logger.info("stopping", metadata: ["signal": .stringConvertible(signal)])
        await sandbox.stop()
    }

    private func printList(_ served: [SandboxCredential], defaultLifetime: Duration) {
        let demo = credentials == nil
        var rows: [[String]] = [[demo ? "PROFILE" : "MERCHANT", "ACCESS KEY", "BEHAVIOUR"]]
        if demo {
            for entry in DemoMerchants.entries {
                let credential = entry.credential
                rows.append([
                    entry.name, Profile.mask(credential.accessKey),
                    "\(entry.story) — \(credential.behaviourSummary(defaultLifetime: defaultLifetime))",
                ])
            }
        } else {
            for credential in served {
                rows.append([
                    credential.merchant ?? "-", Profile.mask(credential.accessKey),
                    credential.behaviourSummary(defaultLifetime: defaultLifetime),
                ])
            }
        }
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = (0..<2).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            print((padded + [row[2]]).joined(separator: "  "))
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Waits for SIGINT or SIGTERM (the default actions are suspended while waiting).
private enum TerminationSignals {
    static func next() async -> Int32 {
        let signals = [SIGINT, SIGTERM]
        let (received, continuation) = AsyncStream<Int32>.makeStream()
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        var iterator = received.makeAsyncIterator()
        let number = await iterator.next() ?? SIGTERM
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
        return number
    }
}
