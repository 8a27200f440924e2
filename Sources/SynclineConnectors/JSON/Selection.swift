/// A trie describing which parts of a JSON document to keep; everything else is skipped (but still validated).
///
/// `.members` applies to whatever value it meets: on an object it keeps only the named members (each pruned by its
/// own sub-selection, in document order, absent members simply omitted); on an array it applies to every element;
/// scalars are kept as they are. So `.members([:])` keeps the shape of the top level (`{}` for an object) and skips
/// everything inside it.
package indirect enum Selection: Sendable, Hashable {
    /// Keep the whole value.
    case all
    /// Keep only these members of an object (recursively); applied to each element of an array; scalars kept as-is.
    case members([String: Selection])

    /// Builds a selection from dotted paths such as `"calls[].metaData.id"`, merging them into one trie.
    ///
    /// Each path is split on `.`; every component names an object member, and a trailing `[]` (any number of them)
    /// marks "each element of this array". Since `.members` already applies to every element of an array,
    /// `parties[].emailAddress` and `parties.emailAddress` select the same thing; a component that is only `[]`
    /// (as in `"[].id"` or `"calls.[].id"`) is accepted and ignored. A path ending at a name keeps that member whole.
    /// A path with no names at all (`""` or `"[]"`) keeps the whole document. Merging: a member kept whole absorbs any
    /// deeper path below it (`a` plus `a.b` is `a` whole). Keys containing `.` cannot be written as paths; build the
    /// enum directly for those. No paths at all gives `.members([:])`, which skips everything.
    package init(paths: some Sequence<String>) {
        var result = Selection.members([:])
        for path in paths {
            result = result.merging(Selection(path: path))
        }
        self = result
    }

    /// Builds the selection for a single dotted path (see `init(paths:)` for the syntax).
    package init(path: String) {
        var names: [String] = []
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(component)
            var hadMarker = false
            while name.hasSuffix("[]") {
                name = name.dropLast(2)
                hadMarker = true
            }
            if hadMarker && name.isEmpty { continue }
            names.append(String(name))
        }
        if names.count == 1 && names[0].isEmpty {
            names = []
        }
        var selection = Selection.all
        for name in names.reversed() {
            selection = .members([name: selection])
        }
        self = selection
    }

    /// Returns the union of two selections: `.all` absorbs anything, member tries are merged key by key.
    package func merging(_ other: Selection) -> Selection {
        switch (self, other) {
        case (.all, _), (_, .all):
            return .all
        case (.members(let left), .members(let right)):
            return .members(left.merging(right) { $0.merging($1) })
        }
    }
}
