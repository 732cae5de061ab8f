import Foundation
import Logging
import Operations
import ResultLog

/// The daemon's lines once it has started: what it runs, where it logs and serves.
struct DaemonStartLines: Sendable {
    let profiles: Int
    let enabled: Int
    let source: String
    let resultLog: ResultLog.Destination
    let metrics: BindAddress?
    let socket: String

    func log(to logger: Logger) {
        logger.info(
            """
            daemon started (pid \(ProcessInfo.processInfo.processIdentifier)): \(profiles) profile\(profiles == 1 ? "" : "s") \
            (\(enabled) enabled) from \(source); result log \(Self.describe(resultLog)); \
            metrics \(metrics.map { $0.url } ?? "off"); socket \(socket)
            """)
        if let metrics {
            logger.info("metrics listening on \(metrics.url) (GET /metrics, GET /healthz)")
            if !metrics.isLoopback {
                logger.warning("metrics on \(metrics) can be reached from other machines: it names every profile")
            }
        }
    }

    static func describe(_ destination: ResultLog.Destination) -> String {
        switch destination {
        case .file(let path): path
        case .standardOutput: "stdout"
        }
    }
}
