import Foundation

/// How a token is laid out in a sink file. Rendering and parsing back are inverse, so a sink
/// written by one run can be read by the next (token reuse at start-up).
///
///     raw     <token>\n
///     header  Authorization: Bearer <token>\n
///     env     ENKASH_TOKEN=<token>\nENKASH_TOKEN_EXPIRES_AT=<ISO>\nENKASH_TOKEN_EXPIRY=<server ms>\n
///     json    {"profile":..,"token":..,"expiry":<server ms>,"expiresAt":"ISO","issuedAt":"ISO"}\n
public enum TokenSinkFormat: String, Sendable, Equatable, CaseIterable {
    case raw, json, env, header

    public static let list = allCases.map(\.rawValue).joined(separator: ", ")

    /// What a sink file holds, read back. `expiresAt`, `serverExpiryMs` and `issuedAt` are nil
    /// when the format does not carry them (raw, header; issuedAt in env).
    public struct Contents: Sendable, Equatable {
        public var token: SecretString
        public var profile: String?
        public var expiresAt: Date?
        public var serverExpiryMs: Int64?
        public var issuedAt: Date?

        public init(
            token: SecretString, profile: String? = nil, expiresAt: Date? = nil, serverExpiryMs: Int64? = nil,
            issuedAt: Date? = nil
        ) {
            self.token = token
            self.profile = profile
            self.expiresAt = expiresAt
            self.serverExpiryMs = serverExpiryMs
            self.issuedAt = issuedAt
        }
    }

    /// The file's bytes. They hold the token: write them to the sink and nowhere else.
    public func render(_ token: IssuedToken, profile: String) -> [UInt8] {
        let value = token.value.reveal()
        let text: String
        switch self {
        case .raw:
            text = "\(value)\n"
        case .header:
            text = "Authorization: Bearer \(value)\n"
        case .env:
            text =
                "ENKASH_TOKEN=\(value)\nENKASH_TOKEN_EXPIRES_AT=\(ISOTime.format(token.expiresAt))\n"
                + "ENKASH_TOKEN_EXPIRY=\(token.serverExpiryMs)\n"
        case .json:
            text =
                "{\"profile\":\(JSONText.quote(profile)),\"token\":\(JSONText.quote(value)),"
                + "\"expiry\":\(token.serverExpiryMs),\"expiresAt\":\(JSONText.quote(ISOTime.format(token.expiresAt))),"
                + "\"issuedAt\":\(JSONText.quote(ISOTime.format(token.issuedAt)))}\n"
        }
        return Array(text.utf8)
    }

    /// Reads a sink file back; nil when it does not hold a token in this format.
    public func parse(_ bytes: [UInt8]) -> Contents? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        switch self {
        case .raw:
            return Self.singleLine(text).map { Contents(token: SecretString($0)) }
        case .header:
            guard let line = Self.singleLine(text) else { return nil }
            let prefix = "authorization: bearer "
            guard line.lowercased().hasPrefix(prefix) else { return nil }
            let token = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : Contents(token: SecretString(token))
        case .env:
            return Self.parseEnv(text)
        case .json:
            return Self.parseJSON(bytes)
        }
    }

    private static func singleLine(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) else { return nil }
        return trimmed
    }

    private static func parseEnv(_ text: String) -> Contents? {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        guard let token = values["ENKASH_TOKEN"], !token.isEmpty else { return nil }
        return Contents(
            token: SecretString(token), expiresAt: values["ENKASH_TOKEN_EXPIRES_AT"].flatMap(ISOTime.parse),
            serverExpiryMs: values["ENKASH_TOKEN_EXPIRY"].flatMap { Int64($0) })
    }

    private static func parseJSON(_ bytes: [UInt8]) -> Contents? {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
            case .string(let token)? = object["token"], !token.isEmpty
        else { return nil }
        var contents = Contents(token: SecretString(token))
        if case .string(let profile)? = object["profile"] { contents.profile = profile }
        if case .integer(let expiry)? = object["expiry"] { contents.serverExpiryMs = expiry }
        if case .string(let text)? = object["expiresAt"] { contents.expiresAt = ISOTime.parse(text) }
        if case .string(let text)? = object["issuedAt"] { contents.issuedAt = ISOTime.parse(text) }
        return contents
    }
}
