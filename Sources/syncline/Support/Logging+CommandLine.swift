import Logging

/// The executable's logging: to standard error, warnings and above unless `--verbose`.
enum CommandLineLogging {
    /// Bootstraps swift-log once per process (tests never do: they capture logs in memory).
    static func bootstrap(verbose: Bool) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .info : .warning
            return handler
        }
        return Logger(label: "syncline")
    }
}
