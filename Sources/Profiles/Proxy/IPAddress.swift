#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A numeric IPv4 or IPv6 address (no zone), as its network-order bytes: what `NO_PROXY`
/// compares addresses and CIDR blocks with, and how a proxy host is recognised as an address.
struct IPAddress: Sendable, Hashable {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    var isV4: Bool { bytes.count == 4 }

    /// Parses `192.0.2.7` or `2001:db8::1` (brackets allowed around IPv6); nil for anything else.
    init?(_ text: some StringProtocol) {
        var text = String(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// True when the first `prefixLength` bits of both addresses agree (same family only).
    func matches(_ network: IPAddress, prefixLength: Int) -> Bool {
        guard bytes.count == network.bytes.count, (0...bytes.count * 8).contains(prefixLength) else { return false }
        let whole = prefixLength / 8
        if bytes[..<whole] != network.bytes[..<whole] { return false }
        let rest = prefixLength % 8
        guard rest > 0 else { return true }
        let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - rest))
        return bytes[whole] & mask == network.bytes[whole] & mask
    }
}
