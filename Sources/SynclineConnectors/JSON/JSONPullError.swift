/// A syntax error found by `JSONPullReader`, with its position in the input.
package struct JSONPullError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `expected ',' or '}' after object member`.
    package var message: String
    /// The 0-based byte offset of the error in the input buffer.
    package var offset: Int
    /// The 1-based line of the error (lines end at `\n`).
    package var line: Int
    /// The 1-based column of the error, counted in Unicode scalars from the start of the line.
    package var column: Int

    /// Creates an error from its parts.
    package init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Creates an error at byte `offset` of `bytes`, computing its line and column.
    package init(message: String, offset: Int, in bytes: UnsafeRawBufferPointer) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.init(message: message, offset: offset, line: line, column: column)
    }

    /// `line L, column C: message`.
    package var description: String {
        "line \(line), column \(column): \(message)"
    }
}
