import Foundation
import Hummingbird

/// `GET /_sandbox/stats`: the counts as JSON (see `SandboxStats`); `DELETE` answers the same after a reset.
enum StatsEndpoint {
    static func respond(state: SandboxState) async -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let body = (try? encoder.encode(await state.snapshot())) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
