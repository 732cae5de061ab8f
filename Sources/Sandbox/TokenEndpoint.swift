import Foundation
import Hummingbird
import Logging
import NIOCore

/// `POST /api/v0/merchant/token`: reads the body, asks the state what to do, waits if told to,
/// then answers (or, for a hang, closes the connection without answering).
struct TokenEndpoint: Sendable {
    static let path = "/api/v0/merchant/token"
    static let maxBodySize = 64 * 1024
    /// The longest a hang holds a connection before closing it without an answer.
    static let longestHang: Duration = .seconds(600)

    let state: SandboxState
    let stopping: OneShotSignal
    let logger: Logger

    func respond(to request: Request, context: SandboxRequestContext) async -> Response {
        let outcome = await decide(request)
        // Never log bodies: they carry secrets. The access key is masked.
        logger.info(
            "token request",
            metadata: [
                "accessKey": .string(outcome.maskedAccessKey ?? "-"), "outcome": .string("\(outcome.kind)"),
                "latencyMs": .stringConvertible(Int((outcome.latency.seconds * 1000).rounded())),
            ])

        let hold: Duration?
        if case .hang = outcome.action {
            hold = Self.longestHang
        } else {
            hold = outcome.latency > .zero ? outcome.latency : nil
        }
        if let hold {
            let hangup = await ClientHangupHandler.signal(of: context.channel)
            await state.adjustHeld(by: 1)
            let waited = await HeldRequest.wait(for: hold, stopping: stopping, hangup: hangup)
            await state.adjustHeld(by: -1)
            if waited != .elapsed || isHang(outcome) {
                return drop(context.channel)
            }
        }
        return TokenResponse.make(outcome.action, skew: outcome.skew)
    }

    private func decide(_ request: Request) async -> SandboxOutcome {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: Self.maxBodySize)
        } catch {
            return await state.refuse(
                .init(message: "Request body could not be read or is larger than \(Self.maxBodySize) bytes."))
        }
        switch TokenRequestBody.parse(Data(buffer.readableBytesView)) {
        case .success(let body): return await state.decide(body)
        case .failure(let invalid): return await state.refuse(invalid)
        }
    }

    private func isHang(_ outcome: SandboxOutcome) -> Bool {
        if case .hang = outcome.action { return true }
        return false
    }

    /// Closes the connection without answering. The returned response is never delivered
    /// (writing it fails on the closed channel, which the server ignores).
    private func drop(_ channel: any Channel) -> Response {
        channel.close(promise: nil)
        return Response(status: .serviceUnavailable)
    }
}
