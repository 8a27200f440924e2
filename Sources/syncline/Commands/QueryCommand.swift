import ArgumentParser
import Foundation
import SynclineStore

/// `syncline query SQL`: an analyst's read-only query.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a read-only SQL query on the staging database.",
        discussion: """
            The connection is read-only: a statement that would write is refused. The README lists the tables \
            and views.

            Examples:
              syncline query "SELECT account_name, touchpoints FROM account_touchpoint_counts ORDER BY 2 DESC LIMIT 5"
              syncline query --format csv "SELECT * FROM touchpoints_overview" > touchpoints.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Argument(help: "One SQL statement.")
    var sql: String

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    @Option(help: "At most this many rows.")
    var limit: Int?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let result = try StagingStore(readingFrom: store.path).query(sql, limit: limit)
        switch format {
        case .table:
            var table = TextTable(header: result.columns)
            table.rows = result.rows.map { $0.map { $0 ?? "NULL" } }
            print(table.render())
            print("(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))")
        case .csv:
            print(result.columns.map(Self.csvField).joined(separator: ","))
            for row in result.rows { print(row.map { Self.csvField($0 ?? "") }.joined(separator: ",")) }
        case .json:
            let objects = result.values.map { row in
                Dictionary(
                    zip(
                        result.columns,
                        row.map { value -> Any in
                            switch value {
                            case .null: NSNull()
                            case .integer(let number): number
                            case .real(let number): number
                            case .text(let text): text
                            case .blob(let count): "<\(count) bytes>"
                            }
                        }),
                    uniquingKeysWith: { first, _ in first }
                )
            }
            let data = try JSONSerialization.data(
                withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
