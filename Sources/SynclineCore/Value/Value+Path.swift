extension Value {
    /// The values at `path`: one for a plain path (none when absent or null), each element's for `[]` steps.
    package func values(at path: FieldPath) -> [Value] {
        var current: [Value] = [self]
        for segment in path.segments {
            var next: [Value] = []
            next.reserveCapacity(current.count)
            for value in current {
                guard let member = value[segment.name], !member.isNull else { continue }
                if segment.isEach {
                    if let elements = member.array { next.append(contentsOf: elements.filter { !$0.isNull }) }
                } else {
                    next.append(member)
                }
            }
            current = next
        }
        return current
    }

    /// The single value at a path without `[]` steps; nil when absent or null.
    package func value(at path: FieldPath) -> Value? {
        var current = self
        for segment in path.segments {
            guard let member = current[segment.name], !member.isNull else { return nil }
            current = member
        }
        return current
    }

    /// A scalar as text: strings as they are, numbers and Booleans spelled out; nil for containers and null.
    package var scalarText: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}
