import Foundation
import TokenModel

/// A line that is not a message this side understands. `id` is the request's id when it could
/// be read, so the error reply can echo it.
public struct ControlCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var id: ControlID?

    public init(_ message: String, id: ControlID? = nil) {
        self.message = message
        self.id = id
    }

    public var description: String { message }
}

/// Encodes and decodes protocol lines (one JSON object each, no newline).
public enum ControlCodec {
    /// One line for `message`, without the newline.
    public static func encode(_ message: ControlMessage) -> String {
        do {
            let data = try encoder.encode(WireMessage(message))
            // Lines are read by scripts and printed by socat: no raw DEL or C1 character either.
            return JSONText.escapingRawControls(String(decoding: data, as: UTF8.self))
        } catch {
            // Every field is a string, number, bool or array of them: encoding cannot fail.
            return "{\"type\":\"error\",\"message\":\(JSONText.quote("cannot encode a reply: \(error)"))}"
        }
    }

    /// The message on `line` (newline excluded).
    public static func decode(_ line: some Collection<UInt8>) throws(ControlCodecError) -> ControlMessage {
        let data = Data(line)
        do {
            return try decoder.decode(WireMessage.self, from: data).message
        } catch let error as ControlCodecError {
            throw error
        } catch {
            let id = (try? decoder.decode(IDOnly.self, from: data))?.id
            throw ControlCodecError(Self.explain(error), id: id)
        }
    }

    private struct IDOnly: Decodable { var id: ControlID? }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not a JSON object"
        case DecodingError.keyNotFound(let key, _):
            return "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not a JSON object" : "bad value for \"\(path)\""
        default:
            return "unreadable message"
        }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISOTime.format(date))
        }
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISOTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time")
            }
            return date
        }
        return decoder
    }
}

/// The JSON form of a `ControlMessage`: a flat object whose `type` says which fields follow.
struct WireMessage: Codable {
    var message: ControlMessage

    init(_ message: ControlMessage) { self.message = message }

    enum Key: String, CodingKey {
        case type, id, `protocol`, version, role, pid, config, profiles, profile, includeRejected, force, canAct
        case ok, record, skipped, reload, error, message, event, trigger, at, sink, since, limit, records, skippedLines
        case reused, intervalMs
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch message {
        case .hello(let hello):
            try c.encode("hello", forKey: .type)
            try c.encode(hello.protocolVersion, forKey: .protocol)
            try c.encode(hello.version, forKey: .version)
            try c.encode(hello.role, forKey: .role)
            try c.encode(hello.pid, forKey: .pid)
            try c.encode(hello.config, forKey: .config)
            try c.encode(hello.profiles, forKey: .profiles)
            try c.encodeIfPresent(hello.canAct, forKey: .canAct)
        case .request(let request, let id):
            try c.encodeIfPresent(id, forKey: .id)
            switch request {
            case .status: try c.encode("status", forKey: .type)
            case .subscribe: try c.encode("subscribe", forKey: .type)
            case .reload: try c.encode("reload", forKey: .type)
            case .refreshAll(let includeRejected):
                try c.encode("refreshAll", forKey: .type)
                try c.encode(includeRejected, forKey: .includeRejected)
            case .refresh(let name, let force):
                try c.encode("refresh", forKey: .type)
                try c.encode(name, forKey: .profile)
                if force { try c.encode(true, forKey: .force) }
            case .history(let since, let limit):
                try c.encode("history", forKey: .type)
                try c.encodeIfPresent(since, forKey: .since)
                try c.encodeIfPresent(limit, forKey: .limit)
            case .pause(let name), .resume(let name), .togglePause(let name):
                try c.encode(Self.typeName(of: request), forKey: .type)
                try c.encode(name, forKey: .profile)
            }
        case .snapshot(let profiles, let id):
            try c.encode("snapshot", forKey: .type)
            try c.encodeIfPresent(id, forKey: .id)
            try c.encode(profiles.map(WireProfileStatus.init), forKey: .profiles)
        case .result(let result, let id):
            try c.encode("result", forKey: .type)
            try c.encodeIfPresent(id, forKey: .id)
            try c.encode(result.ok, forKey: .ok)
            try c.encodeIfPresent(result.record.map(WireAttemptRecord.init), forKey: .record)
            try c.encodeIfPresent(result.skipped, forKey: .skipped)
            try c.encodeIfPresent(result.reload.map(WireReloadSummary.init), forKey: .reload)
            try c.encodeIfPresent(result.error, forKey: .error)
            if let interval = result.reusedWithin {
                try c.encode(true, forKey: .reused)
                try c.encode(Milliseconds.of(interval), forKey: .intervalMs)
            }
        case .history(let history, let id):
            try c.encode("attempts", forKey: .type)
            try c.encodeIfPresent(id, forKey: .id)
            try c.encode(history.records.map(WireAttemptRecord.init), forKey: .records)
            try c.encode(history.skipped, forKey: .skippedLines)
        case .event(let event):
            try c.encode("event", forKey: .type)
            switch event {
            case .stateChanged(let status):
                try c.encode("state", forKey: .event)
                try c.encode(WireProfileStatus(status), forKey: .profile)
            case .attemptStarted(let profile, let trigger, let at):
                try c.encode("attemptStarted", forKey: .event)
                try c.encode(profile, forKey: .profile)
                try c.encode(trigger, forKey: .trigger)
                try c.encode(at, forKey: .at)
            case .attemptFinished(let record):
                try c.encode("attempt", forKey: .event)
                try c.encode(WireAttemptRecord(record), forKey: .record)
            case .sinkWritten(let report):
                try c.encode("sink", forKey: .event)
                try c.encode(WireSinkReport(report), forKey: .sink)
            case .reloaded(let summary):
                try c.encode("reload", forKey: .event)
                try c.encode(WireReloadSummary(summary), forKey: .reload)
            }
        case .error(let text, let id):
            try c.encode("error", forKey: .type)
            try c.encodeIfPresent(id, forKey: .id)
            try c.encode(text, forKey: .message)
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let id = try? c.decodeIfPresent(ControlID.self, forKey: .id)
        let type = try c.decode(String.self, forKey: .type)
        func name() throws -> String { try c.decode(String.self, forKey: .profile) }
        switch type {
        case "hello":
            message = .hello(
                ControlHello(
                    protocolVersion: try c.decode(Int.self, forKey: .protocol),
                    version: try c.decode(String.self, forKey: .version),
                    role: try c.decode(OwnerRole.self, forKey: .role), pid: try c.decode(Int32.self, forKey: .pid),
                    config: try c.decode(String.self, forKey: .config),
                    profiles: try c.decode(Int.self, forKey: .profiles),
                    canAct: try c.decodeIfPresent(Bool.self, forKey: .canAct)))
        case "status": message = .request(.status, id: id)
        case "subscribe": message = .request(.subscribe, id: id)
        case "reload": message = .request(.reload, id: id)
        case "refreshAll":
            message = .request(
                .refreshAll(includeRejected: try c.decodeIfPresent(Bool.self, forKey: .includeRejected) ?? false),
                id: id)
        case "refresh":
            message = .request(
                .refresh(try name(), force: try c.decodeIfPresent(Bool.self, forKey: .force) ?? false), id: id)
        case "pause": message = .request(.pause(try name()), id: id)
        case "resume": message = .request(.resume(try name()), id: id)
        case "togglePause": message = .request(.togglePause(try name()), id: id)
        case "history":
            message = .request(
                .history(
                    since: try c.decodeIfPresent(Date.self, forKey: .since),
                    limit: try c.decodeIfPresent(Int.self, forKey: .limit)),
                id: id)
        case "attempts":
            message = .history(
                AttemptHistory(
                    records: try c.decode([WireAttemptRecord].self, forKey: .records).map(\.record),
                    skipped: try c.decodeIfPresent(Int.self, forKey: .skippedLines) ?? 0), id: id)
        case "snapshot":
            message = .snapshot(try c.decode([WireProfileStatus].self, forKey: .profiles).map(\.status), id: id)
        case "result":
            let reused = try c.decodeIfPresent(Bool.self, forKey: .reused) ?? false
            let interval = try c.decodeIfPresent(Int64.self, forKey: .intervalMs)
            message = .result(
                ControlResult(
                    ok: try c.decode(Bool.self, forKey: .ok),
                    record: try c.decodeIfPresent(WireAttemptRecord.self, forKey: .record)?.record,
                    skipped: try c.decodeIfPresent([String].self, forKey: .skipped),
                    reload: try c.decodeIfPresent(WireReloadSummary.self, forKey: .reload)?.summary,
                    error: try c.decodeIfPresent(String.self, forKey: .error),
                    reusedWithin: reused ? .milliseconds(interval ?? 0) : nil), id: id)
        case "event":
            let kind = try c.decode(String.self, forKey: .event)
            switch kind {
            case "state": message = .event(.stateChanged(try c.decode(WireProfileStatus.self, forKey: .profile).status))
            case "attemptStarted":
                message = .event(
                    .attemptStarted(
                        profile: try name(), trigger: try c.decode(AttemptTrigger.self, forKey: .trigger),
                        at: try c.decode(Date.self, forKey: .at)))
            case "attempt":
                message = .event(.attemptFinished(try c.decode(WireAttemptRecord.self, forKey: .record).record))
            case "sink": message = .event(.sinkWritten(try c.decode(WireSinkReport.self, forKey: .sink).report))
            case "reload": message = .event(.reloaded(try c.decode(WireReloadSummary.self, forKey: .reload).summary))
            default: throw ControlCodecError("unknown event \"\(kind)\"", id: id)
            }
        case "error": message = .error(try c.decode(String.self, forKey: .message), id: id)
        default: throw ControlCodecError("unknown message type \"\(type)\"", id: id)
        }
    }

    static func typeName(of request: ControlRequest) -> String {
        switch request {
        case .status: "status"
        case .subscribe: "subscribe"
        case .refresh: "refresh"
        case .refreshAll: "refreshAll"
        case .pause: "pause"
        case .resume: "resume"
        case .togglePause: "togglePause"
        case .reload: "reload"
        case .history: "history"
        }
    }
}
