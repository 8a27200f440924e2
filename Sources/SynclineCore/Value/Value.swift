/// A parsed JSON value, as produced by `JSONPullReader`.
///
/// Objects are stored as an array of `(key, value)` tuples in document order; duplicate keys are kept as they
/// appear. Because tuples are not `Hashable`, `Equatable` and `Hashable` are implemented by hand: two objects are
/// equal when they have the same members in the same order (member order is significant).
package enum Value: Sendable, Hashable {
    /// The JSON literal `null`.
    case null
    /// The JSON literals `true` and `false`.
    case bool(Bool)
    /// A number literal with no fraction and no exponent that fits in `Int64`.
    case int(Int64)
    /// Any other number literal (with a fraction or exponent, or an integer outside the `Int64` range).
    case double(Double)
    /// A string, with all escapes decoded.
    case string(String)
    /// An array, in document order.
    case array([Value])
    /// An object, as its members in document order (duplicate keys are preserved).
    case object([(key: String, value: Value)])

    /// The value of the first member named `key` if this is an object, otherwise `nil`.
    package subscript(key: String) -> Value? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// The element at `index` if this is an array and the index is in range, otherwise `nil`.
    package subscript(index: Int) -> Value? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string payload if this is a string, otherwise `nil`.
    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer payload if this is an `.int`, otherwise `nil` (doubles are not converted).
    package var int: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The numeric value as a `Double` for both `.double` and `.int` (converted), otherwise `nil`.
    package var double: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }

    /// The Boolean payload if this is a `.bool`, otherwise `nil`.
    package var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements if this is an array, otherwise `nil`.
    package var array: [Value]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members in document order if this is an object, otherwise `nil`.
    package var members: [(key: String, value: Value)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Whether this is the JSON literal `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Structural equality; object members are compared pairwise in order.
    package static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.int(let left), .int(let right)):
            return left == right
        case (.double(let left), .double(let right)):
            return left == right
        case (.string(let left), .string(let right)):
            return left == right
        case (.array(let left), .array(let right)):
            return left == right
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (leftMember, rightMember) in zip(left, right)
            where leftMember.key != rightMember.key || leftMember.value != rightMember.value {
                return false
            }
            return true
        default:
            return false
        }
    }

    /// Hashes the case and its payload, consistently with `==` (member order included).
    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .int(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .double(let value):
            hasher.combine(3)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(4)
            hasher.combine(value)
        case .array(let elements):
            hasher.combine(5)
            hasher.combine(elements)
        case .object(let members):
            hasher.combine(6)
            hasher.combine(members.count)
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }
}
