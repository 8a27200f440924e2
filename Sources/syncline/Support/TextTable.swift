import Foundation

/// Left-aligned columns for terminal listings.
///
/// Hand-written: a dozen lines; the listed TextTable package is not worth a dependency for this.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    /// The table with columns padded to their widest cell, two spaces apart.
    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
