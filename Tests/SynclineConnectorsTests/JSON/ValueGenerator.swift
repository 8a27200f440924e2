import SynclineConnectors
import SynclineCore

/// Generates random JSON values (unique keys per object, finite numbers, strings full of awkward characters).
struct ValueGenerator {
    /// The source of randomness.
    var random: SplitMix64

    /// Creates a generator with a fixed seed.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// A random value nested at most `depth` levels deep.
    mutating func value(depth: Int = 4) -> Value {
        let roll = random.int(in: 0...99)
        if depth > 0 && roll < 18 {
            return object(depth: depth)
        }
        if depth > 0 && roll < 33 {
            return array(depth: depth)
        }
        switch roll % 6 {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .int(int())
        case 3: return .double(double())
        default: return .string(string())
        }
    }

    /// A random object or array (so that every strict prefix of its rendering is invalid JSON).
    mutating func container(depth: Int = 4) -> Value {
        random.chance(0.5) ? object(depth: depth) : array(depth: depth)
    }

    /// A random object with unique keys.
    mutating func object(depth: Int) -> Value {
        var keys = Set<String>()
        var members: [(key: String, value: Value)] = []
        for _ in 0..<random.int(in: 0...6) {
            let key = random.chance(0.6) ? identifier() : string(maxLength: 8)
            guard keys.insert(key).inserted else { continue }
            members.append((key: key, value: value(depth: depth - 1)))
        }
        return .object(members)
    }

    /// A random array.
    mutating func array(depth: Int) -> Value {
        .array((0..<random.int(in: 0...6)).map { _ in value(depth: depth - 1) })
    }

    /// A short ASCII identifier, like most real keys.
    mutating func identifier() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        return String((0..<random.int(in: 1...12)).map { _ in random.pick(letters) })
    }

    /// A random integer, biased towards edge cases.
    mutating func int() -> Int64 {
        switch random.int(in: 0...9) {
        case 0: return random.pick([0, 1, -1, Int64.max, Int64.min + 1, Int64.max - 1, 9_007_199_254_740_993])
        case 1, 2: return Int64.random(in: Int64.min + 1...Int64.max, using: &random)
        default: return Int64.random(in: -100_000...100_000, using: &random)
        }
    }

    /// A random finite double, biased towards edge cases and short decimals.
    mutating func double() -> Double {
        switch random.int(in: 0...9) {
        case 0:
            return random.pick([
                0.0, -0.0, 0.1, 1.0, -1.5, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                -.greatestFiniteMagnitude, 1e22, 1e23, 9_007_199_254_740_992.0, 0.3, 2.5e-8, 4.35,
            ])
        case 1, 2:
            while true {
                let candidate = Double(bitPattern: random.next())
                if candidate.isFinite { return candidate }
            }
        case 3:
            return Double(random.int(in: -1000...1000)) * pow10(random.int(in: -30...30))
        default:
            return Double(random.int(in: -10_000_000...10_000_000)) / 100
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// A random string mixing ASCII, characters that need escaping and multi-byte UTF-8 of every length.
    ///
    /// U+FEFF is left out: JSONSerialization drops it from strings, so the oracle cannot judge it (a dedicated
    /// test checks that `JSONPull` keeps it).
    mutating func string(maxLength: Int = 24) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<random.int(in: 0...maxLength) {
            scalars.append(scalar())
        }
        return String(scalars)
    }

    private mutating func scalar() -> Unicode.Scalar {
        let value: UInt32
        switch random.int(in: 0...19) {
        case 0...9: value = UInt32(random.int(in: 0x20...0x7E))
        case 10: value = random.pick([0x22, 0x5C, 0x2F])
        case 11: value = UInt32(random.int(in: 0x00...0x1F))
        case 12: value = random.pick([0x7F, 0xE9, 0xFF, 0x2028, 0x2029, 0xFFFD, 0xD7FF, 0xE000, 0x10FFFF])
        case 13, 14: value = UInt32(random.int(in: 0x80...0x7FF))
        case 15, 16: value = UInt32(random.pick([random.int(in: 0x800...0xD7FF), random.int(in: 0xE000...0xFEFE)]))
        default: value = UInt32(random.int(in: 0x10000...0x10FFFF))
        }
        return Unicode.Scalar(value) ?? "?"
    }

    /// A random selection that fits `value`: some members kept whole, some pruned further, some absent.
    mutating func selection(for value: Value, depth: Int = 0) -> Selection {
        if random.chance(depth == 0 ? 0.05 : 0.2) {
            return .all
        }
        switch value {
        case .object(let members):
            var selected: [String: Selection] = [:]
            for member in members where random.chance(0.5) {
                selected[member.key] = selection(for: member.value, depth: depth + 1)
            }
            if random.chance(0.3) {
                selected["absent-\(random.int(in: 0...9))"] = random.chance(0.5) ? .all : .members([:])
            }
            return .members(selected)
        case .array(let elements):
            var result = Selection.members([:])
            for element in elements where random.chance(0.6) {
                result = result.merging(selection(for: element, depth: depth + 1))
            }
            return result
        default:
            return random.chance(0.5) ? .all : .members([:])
        }
    }
}
