/// A small deterministic random number generator (SplitMix64): the same seed gives the same sequence everywhere.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A 19-digit id, as Gong's ids look.
    mutating func digitId() -> String {
        String(UInt64(1_000_000_000_000_000_000) + next(upperBound: UInt64(8_000_000_000_000_000_000)))
    }

    /// One element of `values` (which must not be empty).
    mutating func pick<T>(_ values: [T]) -> T {
        values[Int(next(upperBound: UInt64(values.count)))]
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    /// A number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next(upperBound: UInt64(range.upperBound - range.lowerBound + 1)))
    }
}
