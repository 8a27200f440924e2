/// The positions in a `CallIndex` that match one query, fixed when its first page is served.
enum CallSelection: Sendable {
    /// A run of consecutive positions (a date window and nothing else).
    case range(Range<Int>)
    /// Positions picked one by one (ids, users, workspace or hidden late calls), ascending.
    case list([Int32])

    /// The number of matching calls.
    var count: Int {
        switch self {
        case .range(let range): range.count
        case .list(let list): list.count
        }
    }

    /// The positions of up to `limit` calls starting at the `offset`-th match.
    func positions(offset: Int, limit: Int) -> [Int] {
        let end = min(offset + limit, count)
        guard offset < end else { return [] }
        switch self {
        case .range(let range): return Array((range.lowerBound + offset)..<(range.lowerBound + end))
        case .list(let list): return list[offset..<end].map(Int.init)
        }
    }
}

extension CallIndex {
    /// The positions of the calls `filter` selects, leaving out `hidden` ones.
    func select(_ filter: GongCallFilter, hidden: Set<Int32>) -> CallSelection {
        let lower = filter.fromMilliseconds.map(firstPosition(startedAtOrAfter:)) ?? 0
        let upper = max(lower, filter.toMilliseconds.map(firstPosition(startedAtOrAfter:)) ?? count)
        let window = lower..<upper
        if filter.callIds == nil, filter.primaryUserIds == nil, filter.workspaceId == nil,
            hidden.isEmpty || !hidden.contains(where: { window.contains(Int($0)) })
        {
            return .range(window)
        }
        let wantedIds = filter.callIds.map { ids in Dictionary(grouping: ids, by: { Self.prefix(Array($0.utf8)) }) }
        let wantedUsers = filter.primaryUserIds.map { ids in Set(ids.compactMap(nameIndex)) }
        var wantedWorkspace: UInt32?
        if let workspaceId = filter.workspaceId {
            guard let found = nameIndex(workspaceId) else { return .list([]) }
            wantedWorkspace = found
        }
        var list: [Int32] = []
        for position in window {
            if !hidden.isEmpty, hidden.contains(Int32(position)) { continue }
            if let wantedUsers, !wantedUsers.contains(primaryUser[position]) { continue }
            if let wantedWorkspace, workspace[position] != wantedWorkspace { continue }
            if let wantedIds {
                guard let candidates = wantedIds[idPrefix(at: position)], candidates.contains(id(at: position)) else {
                    continue
                }
            }
            list.append(Int32(position))
        }
        return .list(list)
    }

    /// The position of the call with `id`, or nil.
    func position(ofId id: String) -> Int? {
        let prefix = Self.prefix(Array(id.utf8))
        return (0..<count).first { idPrefix(at: $0) == prefix && self.id(at: $0) == id }
    }

    /// The positions of the calls with these ids.
    func positions(ofIds ids: [String]) -> Set<Int32> {
        let wanted = Dictionary(grouping: ids, by: { Self.prefix(Array($0.utf8)) })
        var found: Set<Int32> = []
        for position in 0..<count {
            if let candidates = wanted[idPrefix(at: position)], candidates.contains(id(at: position)) {
                found.insert(Int32(position))
            }
        }
        return found
    }

    /// The positions of about `fraction` of the calls, picked by a hash of the id.
    func positions(fraction: Double) -> Set<Int32> {
        let threshold = UInt64(max(0, min(1, fraction)) * 10_000)
        var found: Set<Int32> = []
        for position in 0..<count where idHash(at: position) % 10_000 < threshold {
            found.insert(Int32(position))
        }
        return found
    }
}
