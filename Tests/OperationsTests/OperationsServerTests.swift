import Logging
import Operations
import Testing

@Suite struct OperationsServerTests {
    let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    @Test func portZeroReportsTheBoundPortAndABusyPortIsAClearError() async throws {
        let metrics = TokenMetrics()
        let first = try await OperationsServer.start(
            at: BindAddress(port: 0), metrics: metrics, snapshot: { [] }, logger: logger)
        #expect(first.address.host == "127.0.0.1")
        #expect(first.address.port > 0)

        await #expect {
            try await OperationsServer.start(
                at: BindAddress(port: first.address.port), metrics: metrics, snapshot: { [] }, logger: logger)
        } throws: { error in
            "\(error)".hasPrefix("cannot serve metrics on 127.0.0.1:\(first.address.port): address already in use")
        }
        await first.stop()

        // The port is free again once stopped.
        let again = try await OperationsServer.start(
            at: BindAddress(port: first.address.port), metrics: metrics, snapshot: { [] }, logger: logger)
        await again.stop()
    }

    @Test func anAddressNotOnThisMachineIsAClearError() async {
        await #expect {
            try await OperationsServer.start(
                at: BindAddress(host: "192.0.2.1", port: 0), metrics: TokenMetrics(), snapshot: { [] }, logger: logger)
        } throws: { error in
            "\(error)".hasPrefix("cannot serve metrics on 192.0.2.1:0: cannot assign requested address")
        }
    }
}
