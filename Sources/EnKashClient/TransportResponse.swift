import Foundation
import TokenModel

/// An HTTP answer, with the body already read (and capped).
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        // Compared byte by byte (header names are ASCII): Foundation's `caseInsensitiveCompare`
        // went through a bridged string for every header of every answer, three lookups each.
        headers.first { Self.sameASCIIIgnoringCase($0.name, name) }?.value
    }

    static func sameASCIIIgnoringCase(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return zip(a.utf8, b.utf8).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
