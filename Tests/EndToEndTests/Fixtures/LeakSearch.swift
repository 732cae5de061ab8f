import Foundation
import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// Searching captured bytes for secret values: each value in every form it could leak in (as
/// is, JSON-escaped, base64 at each byte alignment in both alphabets, percent-encoded, and its
/// first 16 characters, as a cut-off column would show it). Reports name a value by its label
/// and fingerprint, never the value.
struct LeakSearch {
    struct Needle {
        var label: String
        var form: String
        var bytes: [UInt8]
    }

    struct Hit: CustomStringConvertible {
        var file: String
        var label: String
        var form: String
        var offset: Int
        var description: String { "\(label) (\(form)) in \(file) at byte \(offset)" }
    }

    private(set) var needles: [Needle] = []
    /// Distinct values added (each with all its forms).
    private(set) var values = 0

    /// Adds `value` (at least 16 characters) in all its forms under `label`.
    mutating func add(_ value: String, label: String) {
        let raw = Array(value.utf8)
        precondition(raw.count >= 16, "too short to search for without false hits")
        let name = "\(label) [\(SecretString(value).fingerprint)]"
        var forms: [(String, [UInt8])] = [("raw", raw), ("prefix16", Array(raw.prefix(16)))]
        if let json = try? JSONEncoder().encode(value), json.count >= 2 {
            forms.append(("json", Array(json.dropFirst().dropLast())))
        }
        forms.append(("json-slashes", Array(value.replacingOccurrences(of: "/", with: "\\/").utf8)))
        for (index, text) in Self.base64Forms(raw).enumerated() {
            forms.append(("base64@\(index)", Array(text.utf8)))
            let url = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            forms.append(("base64url@\(index)", Array(url.utf8)))
        }
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        if let percent = value.addingPercentEncoding(withAllowedCharacters: unreserved) {
            forms.append(("percent", Array(percent.utf8)))
        }
        var seen = Set<[UInt8]>()
        for (form, bytes) in forms where bytes.count >= 12 && seen.insert(bytes).inserted {
            needles.append(Needle(label: name, form: form, bytes: bytes))
        }
        values += 1
    }

    /// The base64 text that encodes `bytes` wherever they sit in a longer input: encoded after 0,
    /// 1 and 2 bytes of padding, with the characters that also depend on the neighbouring bytes
    /// cut off at both ends.
    static func base64Forms(_ bytes: [UInt8]) -> [String] {
        (0..<3).map { shift in
            let encoded = Data(Array(repeating: 0, count: shift) + bytes).base64EncodedString()
            let head = shift == 0 ? 0 : 4
            let total = shift + bytes.count
            // The last group is whole (and independent of what follows) only when total % 3 == 0.
            let tail = total % 3 == 0 ? 0 : 4
            let characters = Array(encoded)
            guard characters.count > head + tail else { return "" }
            return String(characters[head..<(characters.count - tail)])
        }
    }

    /// Every needle found in `data` (named `file` in the hits).
    func hits(in data: Data, file: String) -> [Hit] {
        var found: [Hit] = []
        data.withUnsafeBytes { (haystack: UnsafeRawBufferPointer) in
            guard let base = haystack.baseAddress else { return }
            for needle in needles {
                needle.bytes.withUnsafeBytes { pattern in
                    var offset = 0
                    guard let first = pattern.first, let patternBase = pattern.baseAddress else { return }
                    // memchr to each candidate first byte, then memcmp (Glibc's memmem is not exported to Swift).
                    while offset + pattern.count <= haystack.count,
                        let match = memchr(base + offset, Int32(first), haystack.count - offset - pattern.count + 1)
                    {
                        let at = base.distance(to: UnsafeRawPointer(match))
                        if memcmp(match, patternBase, pattern.count) == 0 {
                            found.append(Hit(file: file, label: needle.label, form: needle.form, offset: at))
                        }
                        offset = at + 1
                    }
                }
            }
        }
        return found
    }

    /// `data` with every OSC 52 clipboard sequence (`ESC ] 52 ;` up to its BEL or `ESC \`, plain
    /// or inside tmux's passthrough wrapper) cut out, and the sequences cut.
    static func withoutOSC52(_ data: Data) -> (rest: Data, sequences: [Data]) {
        let bytes = [UInt8](data)
        let start: [UInt8] = [0x1b, 0x5d, 0x35, 0x32, 0x3b]  // ESC ] 5 2 ;
        var rest: [UInt8] = []
        var sequences: [Data] = []
        var index = 0
        rest.reserveCapacity(bytes.count)
        while index < bytes.count {
            if bytes[index] == 0x1b, index + start.count <= bytes.count,
                Array(bytes[index..<(index + start.count)]) == start
            {
                var end = index + start.count
                while end < bytes.count, bytes[end] != 0x07,
                    !(bytes[end] == 0x1b && end + 1 < bytes.count && bytes[end + 1] == 0x5c)
                {
                    end += 1
                }
                let stop = min(bytes.count, end + (end < bytes.count && bytes[end] == 0x07 ? 1 : 2))
                sequences.append(Data(bytes[index..<stop]))
                index = stop
            } else {
                rest.append(bytes[index])
                index += 1
            }
        }
        return (Data(rest), sequences)
    }
}
