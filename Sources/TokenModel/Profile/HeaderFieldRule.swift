/// What a header name and value may contain (RFC 9110 tokens; no line breaks in values).
public enum HeaderFieldRule {
    /// Headers the HTTP client manages itself; a profile may not set them.
    public static let reserved: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    public static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(isTokenByte)
    }

    /// RFC 9110 token characters: visible ASCII except the separators `"(),/:;<=>?@[\]{}` (letters,
    /// digits and ``!#$%&'*+-.^_`|~``). The HTTP client checks names on the wire with it too.
    public static func isTokenByte(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
    }

    /// Why `name` cannot be used, or nil when it is fine.
    public static func nameProblem(_ name: String) -> String? {
        if !isToken(name) {
            return "header name '\(name)' may only contain letters, digits and !#$%&'*+-.^_`|~"
        }
        if reserved.contains(name.lowercased()) {
            return "header '\(name)' is set by the HTTP client and cannot be overridden"
        }
        return nil
    }

    /// Why `value` cannot be sent, or nil when it is fine.
    public static func valueProblem(_ value: String) -> String? {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            return "header value contains a line break or NUL character"
        }
        return nil
    }
}
