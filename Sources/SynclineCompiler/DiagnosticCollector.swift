import SynclineCore

/// A compilation that collects located diagnostics as it goes, rather than throwing at the first problem.
protocol DiagnosticCollector {
    /// The diagnostics found so far.
    var diagnostics: [Diagnostic] { get set }
}

extension DiagnosticCollector {
    /// Records an error at `location`.
    mutating func error(
        _ code: Diagnostic.Code, _ message: String, at location: SourceLocation, notes: [Diagnostic] = []
    ) {
        diagnostics.append(.error(code, message, at: location, notes: notes))
    }

    /// Records a warning at `location`.
    mutating func warning(_ code: Diagnostic.Code, _ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(code, message, at: location))
    }

    /// Checks `${…}` syntax in a string that is resolved when a run starts.
    @discardableResult
    mutating func checkInterpolation(_ text: Located<String>) -> [Interpolation.Part]? {
        do {
            return try Interpolation.parse(text.value)
        } catch {
            var location = text.location
            location.column += error.offset
            self.error(.badInterpolation, error.message, at: location)
            return nil
        }
    }
}
