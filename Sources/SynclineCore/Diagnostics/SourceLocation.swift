/// A position in a job file: 1-based line and column, columns counted in Unicode scalars.
package struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative, so messages match what was typed).
    package var file: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column, in Unicode scalars.
    package var column: Int

    /// Creates a location; `line` and `column` are 1-based.
    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of `file`, for problems that concern a whole file.
    package static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    /// `file:line:column`, the form editors and compilers use.
    package var description: String { "\(file):\(line):\(column)" }

    /// Orders by file, then line, then column.
    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A value together with where it was written.
package struct Located<Value: Sendable>: Sendable {
    /// The value as read.
    package var value: Value
    /// Where the value starts in its file.
    package var location: SourceLocation

    /// Pairs `value` with `location`.
    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
