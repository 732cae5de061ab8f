import Foundation
import PrivateFiles
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `owner.json` in an instance directory: who holds the lock and where it serves viewers.
/// Written atomically by the lock holder, removed on a clean exit. A record whose lock is free
/// is stale and means nothing.
public struct OwnerRecord: Sendable, Equatable, Codable {
    public typealias Role = OwnerRole

    public var pid: Int32
    public var role: Role
    /// The control socket, absolute.
    public var socket: String
    /// The profiles file, absolute.
    public var config: String
    /// The control protocol version served on `socket`.
    public var `protocol`: Int
    public var startedAt: Date

    public init(
        pid: Int32 = getpid(), role: Role, socket: String, config: String, protocol: Int, startedAt: Date = Date()
    ) {
        self.pid = pid
        self.role = role
        self.socket = socket
        self.config = config
        self.protocol = `protocol`
        self.startedAt = startedAt
    }

    /// The record as one JSON object.
    public var json: String {
        "{\"pid\":\(pid),\"role\":\(JSONText.quote(role.rawValue)),\"socket\":\(JSONText.quote(socket)),"
            + "\"config\":\(JSONText.quote(config)),\"protocol\":\(`protocol`),"
            + "\"startedAt\":\(JSONText.quote(ISOTime.format(startedAt)))}"
    }

    /// Writes the record to `path` atomically: a temporary file in the same directory (mode
    /// 0600), fsync, rename.
    public func write(to path: String) throws(InstanceError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw InstanceError(path: temporary, reason: String(cString: strerror(errno))) }
        let failure = FileDescriptorWriter.writeAll(fd, Array((json + "\n").utf8))
        let synced = fsync(fd) == 0
        close(fd)
        guard failure == nil, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InstanceError(path: path, reason: "cannot write the owner record: \(reason)")
        }
    }

    /// The record at `path`, or nil when there is none or it cannot be read.
    public static func read(from path: String) -> OwnerRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? decoder.decode(OwnerRecord.self, from: data)
    }

    /// Removes the record at `path` when it is this process's own.
    public static func removeIfOwned(at path: String, pid: Int32 = getpid()) {
        guard let record = read(from: path), record.pid == pid else { return }
        unlink(path)
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ISOTime.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
            }
            return date
        }
        return decoder
    }
}
