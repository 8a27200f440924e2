/// Which table and columns a run writes, and how: a target's descriptor narrowed to the attributes a plan maps.
///
/// Built from the `TargetDescriptor` when a run starts (never stored), so the store writes exactly what the
/// descriptor says, with no knowledge of any target by name.
package struct StagingLayout: Sendable, Hashable {
    /// The target object.
    package var target: TargetID
    /// The staging table.
    package var table: String
    /// The key column.
    package var key: String
    /// Create-only or upsert.
    package var mode: WriteMode
    /// The cells of each row, in order: the plan's attributes, then derived columns (`account_resolution`).
    package var columns: [String]
    /// Columns the store fills itself.
    package var bookkeeping: [BookkeepingColumn]
    /// Cells that go to side tables instead of the main table, by their index in `columns`.
    package var sideTables: [SideCell]
    /// Whether the target is reference data that resolvers read.
    package var isReferenceData: Bool

    /// The layout for writing `attributes` (the plan's, in order) of `descriptor` in `mode`.
    package init(descriptor: TargetDescriptor, mode: WriteMode, attributes: [String]) {
        target = descriptor.id
        table = descriptor.table
        key = descriptor.key
        self.mode = mode
        bookkeeping = descriptor.bookkeeping
        isReferenceData = descriptor.isReferenceData
        columns =
            attributes + descriptor.derivedColumns.filter { attributes.contains($0.attribute) }.map(\.name)
        sideTables = descriptor.sideTables.compactMap { side in
            attributes.firstIndex(of: side.attribute).map { SideCell(cell: $0, table: side) }
        }
    }

    /// The indexes of the cells written to the main table, in order.
    package var tableCells: [Int] {
        let side = Set(sideTables.map(\.cell))
        return columns.indices.filter { !side.contains($0) }
    }
}

/// A cell of a row that is written to a side table.
package struct SideCell: Sendable, Hashable {
    /// The cell's index in the layout's columns.
    package var cell: Int
    /// Where it goes.
    package var table: SideTable
}
