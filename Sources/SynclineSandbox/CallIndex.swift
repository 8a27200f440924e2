/// Every call's sort key, filter fields and storage location, sorted by `metaData.started` then id.
///
/// Kept as parallel arrays with the ids packed into one byte arena and the user and workspace ids interned, so a
/// million calls take about 50 MB; the calls themselves stay where they are stored.
struct CallIndex: Sendable {
    /// Marks a call without a primary user or workspace.
    static let none = UInt32.max

    /// `metaData.started` of each call, milliseconds since the epoch, ascending.
    private(set) var started: [Int64] = []
    /// `metaData.primaryUserId` of each call, as an index into `names`, or `none`.
    private(set) var primaryUser: [UInt32] = []
    /// `metaData.workspaceId` of each call, as an index into `names`, or `none`.
    private(set) var workspace: [UInt32] = []
    /// Where each call's JSON object is stored.
    private(set) var locations: [CallLocation] = []
    /// The interned user and workspace ids.
    private(set) var names: [String] = []
    private var idBytes: [UInt8] = []
    private var idStart: [UInt32] = []
    private var idLength: [UInt8] = []

    /// The number of calls.
    var count: Int { started.count }

    /// The id of the call at `position`.
    func id(at position: Int) -> String {
        let start = Int(idStart[position])
        return String(decoding: idBytes[start..<(start + Int(idLength[position]))], as: UTF8.self)
    }

    /// The first 8 bytes of the id at `position` (zero padded), a cheap key for matching ids.
    func idPrefix(at position: Int) -> UInt64 {
        let start = Int(idStart[position])
        return Self.prefix(idBytes[start..<(start + Int(idLength[position]))])
    }

    /// The first 8 bytes of `bytes`, zero padded, as one number.
    static func prefix(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 56
        for byte in bytes.prefix(8) {
            value |= UInt64(byte) << shift
            shift &-= 8
        }
        return value
    }

    /// A stable hash of the id at `position` (FNV-1a), used to pick calls by fraction.
    func idHash(at position: Int) -> UInt64 {
        let start = Int(idStart[position])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in idBytes[start..<(start + Int(idLength[position]))] {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The index into `names` of `name`, or nil when no call has it as user or workspace.
    func nameIndex(_ name: String) -> UInt32? {
        names.firstIndex(of: name).map { UInt32($0) }
    }

    /// The first position whose call started at or after `milliseconds`.
    func firstPosition(startedAtOrAfter milliseconds: Int64) -> Int {
        var low = 0
        var high = started.count
        while low < high {
            let middle = (low + high) / 2
            if started[middle] < milliseconds { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Collects calls in any order, then sorts them into an index.
    struct Builder: Sendable {
        private var index = CallIndex()
        private var nameTable: [String: UInt32] = [:]

        /// The number of calls added so far.
        var count: Int { index.count }

        /// Adds one call. `id` is the raw UTF-8 of `metaData.id`.
        mutating func add(
            started: Int64, id: some Collection<UInt8>, primaryUserId: String?, workspaceId: String?,
            location: CallLocation
        ) {
            index.started.append(started)
            index.idStart.append(UInt32(index.idBytes.count))
            index.idLength.append(UInt8(min(id.count, 255)))
            index.idBytes.append(contentsOf: id.prefix(255))
            index.primaryUser.append(intern(primaryUserId))
            index.workspace.append(intern(workspaceId))
            index.locations.append(location)
        }

        /// Adds every call of `other`, after the calls already here.
        mutating func append(_ other: Builder) {
            let source = other.index
            let names = source.names.map { intern($0) }
            let base = UInt32(index.idBytes.count)
            index.started.append(contentsOf: source.started)
            index.idStart.append(contentsOf: source.idStart.map { $0 + base })
            index.idLength.append(contentsOf: source.idLength)
            index.idBytes.append(contentsOf: source.idBytes)
            index.primaryUser.append(contentsOf: source.primaryUser.map { $0 == CallIndex.none ? $0 : names[Int($0)] })
            index.workspace.append(contentsOf: source.workspace.map { $0 == CallIndex.none ? $0 : names[Int($0)] })
            index.locations.append(contentsOf: source.locations)
        }

        private mutating func intern(_ name: String?) -> UInt32 {
            guard let name else { return CallIndex.none }
            if let found = nameTable[name] { return found }
            let value = UInt32(index.names.count)
            index.names.append(name)
            nameTable[name] = value
            return value
        }

        /// The index sorted by started then id (byte order, shorter first); of two entries with the same started
        /// and id only the one added last stays. The columns are reordered one at a time, so the peak memory is
        /// the index plus one column.
        consuming func build() -> CallIndex {
            var index = self.index
            var order = Array(0..<index.count)
            index.idBytes.withUnsafeBufferPointer { bytes in
                order.sort { left, right in
                    if index.started[left] != index.started[right] { return index.started[left] < index.started[right] }
                    let comparison = Self.compare(index, left, right, bytes)
                    return comparison != 0 ? comparison < 0 : left < right
                }
                var kept: [Int] = []
                kept.reserveCapacity(order.count)
                for (offset, position) in order.enumerated() {
                    if offset + 1 < order.count {
                        let next = order[offset + 1]
                        if index.started[next] == index.started[position],
                            Self.compare(index, position, next, bytes) == 0
                        {
                            continue
                        }
                    }
                    kept.append(position)
                }
                order = kept
            }
            func reorder<Element>(_ column: inout [Element]) {
                let old = column
                column = []
                column = order.map { old[$0] }
            }
            reorder(&index.started)
            reorder(&index.primaryUser)
            reorder(&index.workspace)
            reorder(&index.locations)
            var idBytes: [UInt8] = []
            idBytes.reserveCapacity(index.idBytes.count)
            var idStart: [UInt32] = []
            idStart.reserveCapacity(order.count)
            for position in order {
                let start = Int(index.idStart[position])
                idStart.append(UInt32(idBytes.count))
                idBytes.append(contentsOf: index.idBytes[start..<(start + Int(index.idLength[position]))])
            }
            index.idBytes = idBytes
            index.idStart = idStart
            reorder(&index.idLength)
            return index
        }

        private static func compare(
            _ index: CallIndex, _ left: Int, _ right: Int, _ bytes: UnsafeBufferPointer<UInt8>
        ) -> Int {
            let leftLength = Int(index.idLength[left])
            let rightLength = Int(index.idLength[right])
            if leftLength != rightLength { return leftLength - rightLength }
            let leftStart = Int(index.idStart[left])
            let rightStart = Int(index.idStart[right])
            for offset in 0..<leftLength where bytes[leftStart + offset] != bytes[rightStart + offset] {
                return Int(bytes[leftStart + offset]) - Int(bytes[rightStart + offset])
            }
            return 0
        }
    }
}
