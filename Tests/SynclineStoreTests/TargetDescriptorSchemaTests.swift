import Foundation
import SynclineCore
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Target descriptors and the migrated schema agree")
struct TargetDescriptorSchemaTests {
    /// Column name → (declared type, NOT NULL, primary-key position) of `table`.
    private func columns(of table: String, in store: StagingStore) throws -> [String: (
        type: String, notNull: Bool, pk: Int
    )] {
        var result: [String: (String, Bool, Int)] = [:]
        for row in try store.query("SELECT name, type, \"notnull\", pk FROM pragma_table_info('\(table)')").rows {
            guard let name = row[0] else { continue }
            result[name] = (row[1] ?? "", row[2] == "1", Int(row[3] ?? "0") ?? 0)
        }
        return result
    }

    @Test(
        "every descriptor's table has its attributes, bookkeeping and derived columns, keyed by its key",
        arguments: TargetDescriptor.standard.map(\.id))
    func tables(target: TargetID) throws {
        let directory = try TemporaryDirectory()
        let store = try StagingStore(path: directory.path("staging.db"))
        let descriptor = try #require(TargetDescriptor.named(target))
        let table = try columns(of: descriptor.table, in: store)
        #expect(!table.isEmpty, "no table \(descriptor.table)")
        #expect(table[descriptor.key]?.pk == 1, "\(descriptor.table) is keyed by \(descriptor.key)")
        for attribute in descriptor.attributes where descriptor.sideTable(of: attribute.name) == nil {
            let column = table[attribute.name]
            #expect(column != nil, "\(descriptor.table) has no column \(attribute.name)")
            if attribute.isRequired { #expect(column?.notNull == true, "\(attribute.name) is NOT NULL") }
            if attribute.type == .integer || attribute.type == .boolean { #expect(column?.type == "INTEGER") }
        }
        for name in descriptor.bookkeeping.map(\.name) + descriptor.derivedColumns.map(\.name) {
            #expect(table[name] != nil, "\(descriptor.table) has no column \(name)")
        }
        for side in descriptor.sideTables {
            let columns = try columns(of: side.table, in: store)
            #expect(columns[side.valueColumn]?.pk == 1)
            #expect(columns[side.ownerColumn]?.notNull == true)
        }
        for key in descriptor.lookupKeys { #expect(table[key] != nil, "look-up key \(key) is a column") }
    }

    @Test("a staging table's columns are the descriptor's, with nothing the descriptor does not know")
    func nothingUndescribed() throws {
        let directory = try TemporaryDirectory()
        let store = try StagingStore(path: directory.path("staging.db"))
        for descriptor in TargetDescriptor.standard {
            let known = Set(
                descriptor.attributes.filter { descriptor.sideTable(of: $0.name) == nil }.map(\.name)
                    + descriptor.bookkeeping.map(\.name) + descriptor.derivedColumns.map(\.name))
            #expect(Set(try columns(of: descriptor.table, in: store).keys) == known, "\(descriptor.table)")
        }
    }
}
