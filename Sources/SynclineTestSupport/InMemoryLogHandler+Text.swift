package import InMemoryLogging
package import Logging

extension InMemoryLogHandler {
    /// A logger writing to this handler at `level` and above (every level by default), so a test can read what
    /// was logged. Use instead of `LoggingSystem.bootstrap`, which is global and would mix parallel tests.
    package func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in self }
        logger.logLevel = level
        return logger
    }

    /// Every entry so far, one a line: level, message, metadata sorted by key, and the error if one was logged.
    /// The whole text, so a test can prove a secret appears nowhere in a log line.
    package var text: String {
        entries.map { entry in
            let metadata = entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let error = entry.error.map { ["error=\($0)"] } ?? []
            return (["\(entry.level)", "\(entry.message)"] + metadata + error).joined(separator: " ")
        }.joined(separator: "\n")
    }
}
