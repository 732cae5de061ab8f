import SeededRandomness
import TokenModel

/// A generator that is either seeded or the system's, chosen at run time.
public struct JitterRandom: RandomNumberGenerator, Sendable {
    private var seeded: SeededRandom?
    private var system = SystemRandomNumberGenerator()

    public init(seed: UInt64? = nil) { seeded = seed.map(SeededRandom.init(seed:)) }

    public mutating func next() -> UInt64 {
        guard var generator = seeded else { return system.next() }
        let value = generator.next()
        seeded = generator
        return value
    }
}
