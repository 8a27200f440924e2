/// One problem found in a job file, located at the offending value.
///
/// Problems in job files are collected and reported together, never thrown. `Code` is closed and stable:
/// editors and CI match on it, and the README lists every case.
package struct Diagnostic: Sendable, Hashable, Codable {
    /// How serious the problem is.
    package enum Severity: String, Sendable, Codable {
        case error, warning, note
    }

    /// The stable, kebab-case identity of a kind of problem.
    package enum Code: String, Sendable, Codable, CaseIterable {
        case yamlSyntax = "yaml-syntax"
        case duplicateKey = "duplicate-key"
        case notUTF8 = "not-utf8"
        case inputTooLarge = "input-too-large"
        case unreadableFile = "unreadable-file"
        case wrongType = "wrong-type"
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case invalidValue = "invalid-value"
        case unsupportedVersion = "unsupported-version"
        case nameMismatch = "name-mismatch"
        case unknownConnector = "unknown-connector"
        case unknownConnection = "unknown-connection"
        case unknownObject = "unknown-object"
        case unknownField = "unknown-field"
        case unknownAttribute = "unknown-attribute"
        case typeMismatch = "type-mismatch"
        case requiredAttribute = "required-attribute"
        case lockedAttribute = "locked-attribute"
        case badExpression = "bad-expression"
        case badTemplate = "bad-template"
        case badCron = "bad-cron"
        case scheduleDST = "schedule-dst"
        case badTimezone = "bad-timezone"
        case badDuration = "bad-duration"
        case badInterpolation = "bad-interpolation"
        case literalSecret = "literal-secret"
        case insecureURL = "insecure-url"
        case writeMode = "write-mode"
        case extendsMissing = "extends-missing"
        case extendsCycle = "extends-cycle"
        case unknownDependency = "unknown-dependency"
        case dependencyCycle = "dependency-cycle"
        case templateNotJob = "template-not-job"
    }

    /// How serious the problem is.
    package var severity: Severity
    /// The kind of problem.
    package var code: Code
    /// What is wrong: lower-case start, no final period, quoting the offending value.
    package var message: String
    /// Where the offending value starts.
    package var location: SourceLocation
    /// Related places, such as the template line that locked an attribute.
    package var notes: [Diagnostic]

    /// Creates a diagnostic.
    package init(
        _ severity: Severity, _ code: Code, _ message: String, at location: SourceLocation, notes: [Diagnostic] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// An error at `location`.
    package static func error(
        _ code: Code, _ message: String, at location: SourceLocation, notes: [Diagnostic] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, notes: notes)
    }

    /// A warning at `location`: worth knowing, and the job stays valid.
    package static func warning(
        _ code: Code, _ message: String, at location: SourceLocation, notes: [Diagnostic] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, notes: notes)
    }

    /// A note that points at a related place; notes carry the code of the diagnostic they belong to.
    package static func note(_ message: String, at location: SourceLocation, code: Code) -> Diagnostic {
        Diagnostic(.note, code, message, at: location)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error (warnings and notes do not make a job invalid).
    package var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then message, and without exact repeats.
    package func sortedForDisplay() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}
