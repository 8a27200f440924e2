package import Logging
import Synchronization

/// Collects log lines in memory, so a test can read what was logged (and prove a secret never was).
/// Use with `Logger(label:factory:)`; never with `LoggingSystem.bootstrap`, which is global.
package final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// An empty capture.
    package init() {}

    /// A logger writing here at `level` and above.
    package func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// Every line so far: level, message and metadata.
    package var text: String { lines.withLock { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            capture.append(
                "\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
            )
        }
    }
}
