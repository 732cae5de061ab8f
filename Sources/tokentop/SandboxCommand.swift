import ArgumentParser
import Runtime
import TokenModel

/// `tokentop sandbox`: runs the local stand-in for EnKash's token endpoint until SIGINT/SIGTERM.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local stand-in for the EnKash token endpoint, with scripted faults.",
        discussion: """
            Serves POST /api/v0/merchant/token, GET /_sandbox/stats and DELETE /_sandbox/stats (reset the counts). Without --credentials it serves \
            the built-in demo merchants (see --list). Prints 'sandbox listening on URL (N merchants)' \
            once ready; stops cleanly on Ctrl-C or SIGTERM. \(ExitStatusTable.help(for: "sandbox"))
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

    func run() async throws {
        let settings = SandboxSettings(
            host: host, port: port, credentials: credentials, tokenLifetime: try DurationText.parse(tokenLifetime),
            seed: seed,
            list: list)
        do throws(RuntimeExit) {
            try await SandboxRun(settings: settings).run()
        } catch {
            throw ExitCode(error.status)
        }
    }
}
