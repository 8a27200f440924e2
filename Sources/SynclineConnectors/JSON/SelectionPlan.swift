/// A `Selection` flattened into arrays so the reader can match raw key bytes without building `String`s.
///
/// Node 0 is the root. A node either keeps everything or lists its members contiguously in `members`; each member's
/// key is stored as UTF-8 in `keyBytes`. `JSONPullReader` builds one per distinct selection and caches it.
package struct SelectionPlan: Sendable {
    /// One node of the flattened trie.
    package struct Node: Sendable {
        /// Whether the whole value at this node is kept (`Selection.all`).
        package var keepsAll: Bool
        /// Index of this node's first member in `members`.
        package var firstMember: Int
        /// Number of members of this node (0 for `.all` and for `.members([:])`).
        package var memberCount: Int
    }

    /// One selected member of a node.
    package struct Member: Sendable {
        /// Offset of the key's UTF-8 bytes in `keyBytes`.
        package var keyStart: Int
        /// Length of the key in UTF-8 bytes.
        package var keyCount: Int
        /// The node describing what to keep of this member's value.
        package var child: Int
    }

    /// The index of the root node.
    package static var root: Int { 0 }

    /// All nodes; `nodes[SelectionPlan.root]` is the root.
    package private(set) var nodes: [Node] = []
    /// All members, grouped by node.
    package private(set) var members: [Member] = []
    /// The UTF-8 bytes of all member keys, concatenated.
    package private(set) var keyBytes: [UInt8] = []

    /// Flattens `selection` into a plan.
    package init(_ selection: Selection) {
        _ = append(selection)
    }

    /// Whether the value at `node` is kept whole.
    @inline(__always)
    package func keepsAll(_ node: Int) -> Bool {
        nodes[node].keepsAll
    }

    /// Whether `node` selects no member at all (objects there are skipped member by member without decoding keys).
    @inline(__always)
    package func selectsNoMembers(_ node: Int) -> Bool {
        let entry = nodes[node]
        return !entry.keepsAll && entry.memberCount == 0
    }

    /// The child node of `node` for the member whose UTF-8 key is `key`, or `nil` if that member is not selected.
    @inline(__always)
    package func child(of node: Int, key: UnsafeRawBufferPointer) -> Int? {
        let entry = nodes[node]
        let keyCount = key.count
        var memberIndex = entry.firstMember
        let end = entry.firstMember + entry.memberCount
        while memberIndex < end {
            let member = members[memberIndex]
            if member.keyCount == keyCount && keyMatches(member.keyStart, key) {
                return member.child
            }
            memberIndex += 1
        }
        return nil
    }

    @inline(__always)
    private func keyMatches(_ start: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < key.count {
            if keyBytes[start + offset] != key[offset] { return false }
            offset += 1
        }
        return true
    }

    private mutating func append(_ selection: Selection) -> Int {
        let index = nodes.count
        switch selection {
        case .all:
            nodes.append(Node(keepsAll: true, firstMember: 0, memberCount: 0))
        case .members(let selected):
            let first = members.count
            nodes.append(Node(keepsAll: false, firstMember: first, memberCount: selected.count))
            let ordered = selected.sorted { $0.key < $1.key }
            for (key, _) in ordered {
                let start = keyBytes.count
                keyBytes.append(contentsOf: key.utf8)
                members.append(Member(keyStart: start, keyCount: keyBytes.count - start, child: -1))
            }
            for (offset, entry) in ordered.enumerated() {
                let child = append(entry.value)
                members[first + offset].child = child
            }
        }
        return index
    }
}
