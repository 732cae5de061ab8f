import SeededRandomness

/// Seeded byte-level mutations of an input (flips, inserts, deletes, duplicated and spliced
/// ranges, interesting tokens), the way coverage-free fuzzers explore a parser's edges.
/// Deterministic for a seed, so any failure is replayed by seed and iteration.
public struct ByteMutator: Sendable {
    private var random: SeededRandom
    /// Fragments worth inserting: structure of JSON and YAML, numbers at type edges, odd text.
    /// (Never "command": a mutated profiles file must not grow a `{command: ...}` to run.)
    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "0", "-1", "1e309", "9223372036854775808",
        "18446744073709551616", "\\u0000", "\\ud800", "\u{FEFF}", "\n", "\t", "  ", "- ", ": ", "#", "&a", "*a",
        "!!str ",
        "{env: X}", "{file: /dev/null}", "token", "expiry", "resultCode", "resultMessage", "profiles", "name",
        "baseURL",
        "accessKey", "secretKey", "sink", "onRefresh", "\u{1F600}", "\u{0}", "\u{FFFD}",
    ].map { Array($0.utf8) }

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// One mutant of `input`: 1-4 mutations, each also possibly splicing in part of `other`.
    public mutating func mutate(_ input: [UInt8], splicingWith other: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...Int.random(in: 0...3, using: &random) {
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty:
                let i = Int.random(in: bytes.indices, using: &random)
                bytes[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            case 1:
                bytes.insert(
                    UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
            case 2 where !bytes.isEmpty:
                let start = Int.random(in: bytes.indices, using: &random)
                let end = min(bytes.count, start + Int.random(in: 1...16, using: &random))
                bytes.removeSubrange(start..<end)
            case 3 where !bytes.isEmpty:
                let start = Int.random(in: bytes.indices, using: &random)
                let end = min(bytes.count, start + Int.random(in: 1...64, using: &random))
                bytes.insert(contentsOf: bytes[start..<end], at: Int.random(in: 0...bytes.count, using: &random))
            case 4:
                let token = Self.tokens[Int.random(in: Self.tokens.indices, using: &random)]
                bytes.insert(contentsOf: token, at: Int.random(in: 0...bytes.count, using: &random))
            case 5 where !other.isEmpty:
                let start = Int.random(in: other.indices, using: &random)
                let end = min(other.count, start + Int.random(in: 1...128, using: &random))
                let at = Int.random(in: 0...bytes.count, using: &random)
                bytes = Array(bytes[..<at]) + other[start..<end] + bytes[at...]
            case 6 where bytes.count > 1:
                bytes.removeLast(Int.random(in: 1...bytes.count, using: &random) / 2)
            default:
                bytes.append(UInt8.random(in: 0...255, using: &random))
            }
        }
        return bytes
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: items.indices, using: &random)] }
}
