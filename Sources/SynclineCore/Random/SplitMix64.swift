/// A small, seeded, deterministic random number generator (SplitMix64): the same seed gives the same sequence
/// on every platform and run, so generated data and random test cases are reproducible.
///
/// Hand-written: the standard library's generator cannot be seeded. Not for anything secret. The helpers'
/// arithmetic is part of the contract: the sandbox's generated data (and the tests and the benchmark reading
/// it) depend on every value drawn for a seed, so changing one changes the data.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`; any value is a valid seed.
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// True with probability `probability` (0 never, 1 always), from the top 53 bits of one draw.
    package mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    /// A number in `range` (narrower than all of `Int`), every one equally likely.
    package mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next(upperBound: UInt64(range.upperBound - range.lowerBound + 1)))
    }

    /// One element of `elements`, which must not be empty, every one equally likely.
    package mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[Int(next(upperBound: UInt64(elements.count)))]
    }

    /// A 19-digit decimal id without a leading zero (1 000 000 000 000 000 000 up to 8 999 999 999 999 999 999),
    /// the shape of the numeric ids the sandbox serves.
    package mutating func digitID() -> String {
        String(UInt64(1_000_000_000_000_000_000) + next(upperBound: UInt64(8_000_000_000_000_000_000)))
    }
}
