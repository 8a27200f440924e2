extension MappingExpression: CustomStringConvertible {
    /// The expression in the job-file notation, on one line: `metaData.title`, `{const: Web Meeting}`.
    package var description: String {
        switch self {
        case .path(let path, let format, let fallback):
            guard format != nil || fallback != nil else { return path.description }
            var parts = ["path: \(path)"]
            if let format { parts.append("format: \(format.rawValue)") }
            if let fallback { parts.append("default: \(fallback)") }
            return "{" + parts.joined(separator: ", ") + "}"
        case .constant(let value):
            return "{const: \(value)}"
        case .resolve(let resolution):
            var parts = ["resolve: \(resolution.kind.rawValue)"]
            if let key = resolution.key { parts.append("by: \(key)") }
            parts.append("from: \(resolution.from)")
            return "{" + parts.joined(separator: ", ") + "}"
        case .template(let template):
            let lines = template.text.split(separator: "\n", omittingEmptySubsequences: false).count
            return "{template: \(lines) lines, values: \(template.values.map(\.name).joined(separator: ", "))}"
        }
    }
}
