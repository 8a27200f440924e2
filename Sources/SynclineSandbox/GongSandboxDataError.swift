/// Why sandbox data could not be loaded or read.
package enum GongSandboxDataError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read, or changed since it was indexed.
    case unreadable(path: String, reason: String)
    /// A document is not the JSON the sandbox expects (a users page, a calls page, a call).
    case invalid(source: String, reason: String)

    /// The problem in one sentence, naming the file or input.
    package var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .invalid(let source, let reason): "\(source): \(reason)"
        }
    }
}
