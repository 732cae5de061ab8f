import Foundation
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// At start-up: the tokens that profile sinks still hold, so a restart does not cost a new token
/// per profile. The token comes from the sink file; it is reused only when the instance's
/// `sinks.json` recorded that very token (by fingerprint) for the profile's current credentials
/// (endpoint, keys, headers), and its expiry and issue time come from that record. `AuthService` then keeps a seed
/// only when it is still valid past its refresh time.
public enum SinkReuse {
    /// Why a profile's sink was or was not reused; secret-free, for logs.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var profile: String
        public var reused: Bool
        public var reason: String
        public var description: String { "\(profile): \(reused ? "reusing" : "not reusing") sink token (\(reason))" }
    }

    public struct Outcome: Sendable {
        public var seeds: [String: IssuedToken] = [:]
        public var findings: [Finding] = []
    }

    /// Largest sink file read back.
    static let sizeLimit = 64 * 1024

    /// Reads every enabled profile's sink. `state` is the instance's `sinks.json` (nil: only json
    /// and env sinks can be reused); tokens that are not valid at `now` (counting `margin`) are skipped.
    public static func seeds(
        for profiles: [Profile], state: SinkStateFile?, now: Date, margin: Duration = .seconds(10)
    ) -> Outcome {
        var outcome = Outcome()
        for profile in profiles where profile.enabled {
            guard let sink = profile.sink else { continue }
            switch recover(profile: profile, sink: sink, state: state, now: now, margin: margin) {
            case .success(let token):
                outcome.seeds[profile.name] = token
                outcome.findings.append(
                    Finding(
                        profile: profile.name, reused: true,
                        reason: "token \(token.fingerprint) valid until \(ISOTime.format(token.expiresAt))"))
            case .failure(let reason):
                outcome.findings.append(Finding(profile: profile.name, reused: false, reason: reason.text))
            }
        }
        return outcome
    }

    struct Reason: Error { var text: String }

    static func recover(
        profile: Profile, sink: TokenSink, state: SinkStateFile?, now: Date, margin: Duration
    ) -> Result<IssuedToken, Reason> {
        let bytes: [UInt8]
        switch read(sink.path) {
        case .success(let read): bytes = read
        case .failure(let reason): return .failure(reason)
        }
        guard let contents = sink.format.parse(bytes) else {
            return .failure(Reason(text: "the file does not hold a token in \(sink.format.rawValue) format"))
        }
        if let owner = contents.profile, owner != profile.name {
            return .failure(Reason(text: "the file holds profile '\(owner)''s token"))
        }
        let fingerprint = contents.token.fingerprint
        // Only a token this instance wrote itself, for these very credentials, is trusted: the
        // record in sinks.json must match the file's token and the profile's account (endpoint,
        // keys and headers). A file left by another config, another tool, or older credentials
        // is fetched anew; its own expiry fields are not enough.
        guard let state else {
            return .failure(Reason(text: "no \(SinkStateFile.fileName) to vouch for it"))
        }
        guard let entry = state.entry(for: profile.name) else {
            if state.wasDroppedForCredentials(profile.name) {
                return .failure(Reason(text: "the profile's credentials changed since it was issued"))
            }
            return .failure(Reason(text: "no record of it in \(SinkStateFile.fileName)"))
        }
        guard entry.fingerprint == fingerprint else {
            return .failure(Reason(text: "the file's token is not the one \(SinkStateFile.fileName) recorded"))
        }
        guard state.isRecorded(entry, for: profile) else {
            return .failure(Reason(text: "it was issued for other credentials"))
        }
        let token = IssuedToken(
            value: contents.token, issuedAt: entry.issuedAt, serverExpiryMs: entry.serverExpiryMs,
            expiresAt: entry.expiresAt)
        guard token.isValid(at: now, margin: margin) else {
            return .failure(Reason(text: "token \(fingerprint) expired at \(ISOTime.format(token.expiresAt))"))
        }
        return .success(token)
    }

    /// The file's bytes, if it is a regular file of ours and not too large.
    static func read(_ path: String) -> Result<[UInt8], Reason> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            return .failure(
                Reason(text: code == ENOENT ? "no sink file yet" : "cannot read it: \(String(cString: strerror(code)))")
            )
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Reason(text: "it is not a regular file"))
        }
        guard info.st_uid == getuid() else { return .failure(Reason(text: "it belongs to another user")) }
        guard Int(info.st_size) <= sizeLimit else { return .failure(Reason(text: "it is larger than 64 KiB")) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= sizeLimit {
            let count = systemRead(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if count < 0 { return .failure(Reason(text: "cannot read it: \(String(cString: strerror(errno)))")) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return .success(bytes)
    }
}

/// `read(2)`, named so it is not shadowed by `SinkReuse.read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
