import Foundation
import SynclineConnectors
import SynclineCore

/// Foundation's JSONSerialization as the reference parser, plus the conversions needed to compare with it.
enum Oracle {
    /// Parses `bytes` with JSONSerialization (fragments allowed), or returns `nil` if Foundation rejects them.
    static func parse(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// Parses `bytes` with JSONSerialization and converts the result to a key-sorted `Value`.
    static func value(of bytes: [UInt8]) -> Value? {
        parse(bytes).map(value(from:))
    }

    /// Converts a JSONSerialization result to a `Value` with object members sorted by key.
    ///
    /// Booleans are the `NSNumber`s whose `objCType` is `c` (JSONSerialization never produces other `char`
    /// numbers); integer types map to `.int`, unsigned 64-bit values above `Int64.max` and floating types to
    /// `.double`; `NSDecimalNumber` (used for integers beyond the 64-bit ranges) maps to `.int` when exact.
    static func value(from object: Any) -> Value {
        switch object {
        case is NSNull:
            return .null
        case let decimal as NSDecimalNumber:
            let integer = decimal.int64Value
            if decimal.compare(NSDecimalNumber(value: integer)) == .orderedSame {
                return .int(integer)
            }
            return .double(decimal.doubleValue)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c": return .bool(number.boolValue)
            case "d", "f": return .double(number.doubleValue)
            case "Q":
                let unsigned = number.uint64Value
                return unsigned <= UInt64(Int64.max) ? .int(Int64(unsigned)) : .double(Double(unsigned))
            default: return .int(number.int64Value)
            }
        case let text as String:
            return .string(text)
        case let array as [Any]:
            return .array(array.map(value(from:)))
        case let dictionary as [String: Any]:
            return .object(dictionary.map { (key: $0.key, value: value(from: $0.value)) }.sorted(by: keyOrder))
        default:
            return .string("<unexpected \(type(of: object))>")
        }
    }

    /// `value` as a Foundation object graph that JSONSerialization can write.
    static func foundationObject(_ value: Value) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return NSNumber(value: flag)
        case .int(let number): return NSNumber(value: number)
        case .double(let number): return NSNumber(value: number)
        case .string(let text): return text
        case .array(let elements): return elements.map(foundationObject)
        case .object(let members):
            var dictionary: [String: Any] = [:]
            for member in members { dictionary[member.key] = foundationObject(member.value) }
            return dictionary
        }
    }

    /// `value` written by JSONSerialization (object member order is Foundation's, not the original).
    static func render(_ value: Value, pretty: Bool) -> [UInt8] {
        let options: JSONSerialization.WritingOptions =
            pretty ? [.fragmentsAllowed, .prettyPrinted] : [.fragmentsAllowed]
        guard let data = try? JSONSerialization.data(withJSONObject: foundationObject(value), options: options) else {
            return []
        }
        return Array(data)
    }

    /// Orders members by the UTF-8 bytes of their keys.
    static func keyOrder(_ lhs: (key: String, value: Value), _ rhs: (key: String, value: Value)) -> Bool {
        lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }
}

/// `value` with every object's members sorted by key, for comparison with unordered Foundation dictionaries.
func sortingKeys(_ value: Value) -> Value {
    switch value {
    case .array(let elements):
        return .array(elements.map(sortingKeys))
    case .object(let members):
        return .object(members.map { (key: $0.key, value: sortingKeys($0.value)) }.sorted(by: Oracle.keyOrder))
    default:
        return value
    }
}

/// The reference meaning of a selection: `value` pruned to `selection`, written as plainly as possible.
func pruning(_ value: Value, to selection: Selection) -> Value {
    guard case .members(let selected) = selection else { return value }
    switch value {
    case .object(let members):
        return .object(
            members.compactMap { member in
                selected[member.key].map { (key: member.key, value: pruning(member.value, to: $0)) }
            })
    case .array(let elements):
        return .array(elements.map { pruning($0, to: selection) })
    default:
        return value
    }
}

/// Parses `text` with `JSONPull`, returning the value or the error.
func pull(_ bytes: [UInt8], _ selection: Selection = .all) -> Result<Value, JSONPullError> {
    Result { () throws(JSONPullError) -> Value in try JSONPull.parse(bytes, selection: selection) }
}

/// A description of the first place where `actual` and `expected` differ, or `nil` if they are equal.
///
/// With `tolerant`, doubles may differ by a few units in the last place: JSONSerialization's number parser is not
/// always correctly rounded (it reads `5.0316753076416474e+89` as `5.0316753076416434e+89`), so comparisons with
/// the oracle allow for that, and for its reading integral literals with a fraction (`1e2`, `5.0`) as integers,
/// while comparisons with generated values are exact.
func difference(_ actual: Value, _ expected: Value, tolerant: Bool = false, path: String = "$") -> String? {
    switch (actual, expected) {
    case (.array(let left), .array(let right)) where left.count == right.count:
        for (offset, pair) in zip(left, right).enumerated() {
            if let found = difference(pair.0, pair.1, tolerant: tolerant, path: "\(path)[\(offset)]") { return found }
        }
        return nil
    case (.object(let left), .object(let right)) where left.count == right.count:
        for (offset, pair) in zip(left, right).enumerated() {
            if pair.0.key != pair.1.key {
                return
                    "\(path): key #\(offset) is \(pair.0.key.debugDescription), expected \(pair.1.key.debugDescription)"
            }
            let memberPath = "\(path).\(pair.0.key)"
            if let found = difference(pair.0.value, pair.1.value, tolerant: tolerant, path: memberPath) { return found }
        }
        return nil
    case (.double(let left), .double(let right)) where tolerant:
        let scale = max(left.magnitude, right.magnitude)
        return (left - right).magnitude <= scale * 1e-14 ? nil : "\(path): \(left) but expected \(right)"
    case (.double(let left), .int(let right)) where tolerant:
        // JSONSerialization reads integral literals such as `9007199254740992.0` as integers.
        return left == Double(right) ? nil : "\(path): \(left) but expected \(right)"
    case (.string(let left), .string(let right)):
        return Array(left.utf8) == Array(right.utf8) ? nil : "\(path): \(actual) but expected \(expected)"
    default:
        return actual == expected ? nil : "\(path): \(actual) but expected \(expected)"
    }
}

/// `difference` between a parse result and an expected value (`nil` meaning the oracle rejected the input).
func difference(_ actual: Result<Value, JSONPullError>, _ expected: Value?, tolerant: Bool = false) -> String? {
    switch (actual, expected) {
    case (.failure(let error), _): return "rejected: \(error)"
    case (.success, nil): return "oracle rejected"
    case (.success(let value), .some(let expected)): return difference(value, expected, tolerant: tolerant)
    }
}
