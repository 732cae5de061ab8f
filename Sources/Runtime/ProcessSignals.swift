import Foundation
import Logging
import UnixSignals

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The daemon's signals: SIGTERM and SIGINT to stop, SIGHUP to reload.
///
/// Trapped before anything else starts, so a signal that arrives during start-up is held until
/// the process can act on it. The default actions are set to ignore and `UnixSignalsSequence`'s
/// dispatch sources (not C handlers) turn each arrival into an element on an ordinary thread.
/// `restore()` puts the default actions back.
public struct ProcessSignals: Sendable {
    static let handled = [SIGINT, SIGTERM, SIGHUP]

    /// SIGTERM and SIGINT.
    let stop: UnixSignalsSequence
    /// SIGHUP.
    let hangup: UnixSignalsSequence

    public static func trap() async -> ProcessSignals {
        for number in handled { signal(number, SIG_IGN) }
        return ProcessSignals(
            stop: await UnixSignalsSequence(trapping: .sigterm, .sigint),
            hangup: await UnixSignalsSequence(trapping: .sighup))
    }

    public func restore() {
        for number in Self.handled { signal(number, SIG_DFL) }
    }

    /// Waits for SIGTERM or SIGINT, logs it and calls `stop`; a second one while stopping ends
    /// the process at once with 128+n: every file tokentop writes is replaced atomically or
    /// appended whole, so nothing is left half-written. Returns only when cancelled.
    func watchStop(logger: Logger, stop requestStop: @Sendable () async -> Void) async {
        var stopping = false
        for await signal in stop {
            let number = signal.rawValue
            if stopping {
                logger.warning("\(Self.name(number)) again: exiting now without waiting")
                Foundation.exit(128 + number)
            }
            stopping = true
            logger.info(
                "\(Self.name(number)): stopping; cancelling requests in flight (each is still logged), finishing sink writes and hooks"
            )
            await requestStop()
        }
    }

    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
