import SynclineConnectors
import SynclineCore
import Testing

/// The `Value` enum's accessors and hand-written equality.
struct ValueTests {
    let sample = Value.object([
        (key: "s", value: .string("x")),
        (key: "i", value: .int(3)),
        (key: "d", value: .double(2.5)),
        (key: "b", value: .bool(true)),
        (key: "n", value: .null),
        (key: "a", value: .array([.int(1)])),
        (key: "s", value: .string("second")),
    ])

    @Test("Accessors return payloads of the matching case and nil otherwise")
    func accessors() {
        #expect(sample["s"]?.string == "x")
        #expect(sample["i"]?.int == 3)
        #expect(sample["i"]?.double == 3)
        #expect(sample["d"]?.double == 2.5)
        #expect(sample["d"]?.int == nil)
        #expect(sample["b"]?.bool == true)
        #expect(sample["n"]?.isNull == true)
        #expect(sample["a"]?.array == [.int(1)])
        #expect(sample["a"]?[0] == .int(1))
        #expect(sample["a"]?[1] == nil)
        #expect(sample["missing"] == nil)
        #expect(sample["s"]?.int == nil)
        #expect(Value.string("x")["s"] == nil)
        #expect(sample.members?.count == 7)
    }

    @Test("Objects are equal only with the same members in the same order, and equal values hash alike")
    func equalityAndHashing() {
        let forward = Value.object([(key: "a", value: .int(1)), (key: "b", value: .int(2))])
        let same = Value.object([(key: "a", value: .int(1)), (key: "b", value: .int(2))])
        let backward = Value.object([(key: "b", value: .int(2)), (key: "a", value: .int(1))])
        #expect(forward == same)
        #expect(forward.hashValue == same.hashValue)
        #expect(forward != backward)
        #expect(Value.int(1) != .double(1))
        #expect(Set([forward, same, backward, sample]).count == 3)
    }
}
