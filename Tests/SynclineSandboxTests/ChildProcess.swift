import Foundation

/// Runs programs from tests: the python3 helpers.
enum ChildProcess {
    /// What a finished program left.
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    /// The first executable called `name` on `PATH`, or nil.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The Python for the tests' helpers: `$SYNCLINE_PYTHON` when set (`.ci/run` sets it to one that has
    /// `jsonschema`: Debian's python3 with python3-jsonschema, or a venv under .build/), else python3 on `PATH`;
    /// nil when neither is an executable (a `SYNCLINE_PYTHON` that is not one never falls back).
    static func python() -> URL? {
        if let configured = ProcessInfo.processInfo.environment["SYNCLINE_PYTHON"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? URL(fileURLWithPath: configured) : nil
        }
        return find("python3")
    }

    /// Runs `executable` with `arguments` to the end, without blocking Swift's cooperative threads.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                let errorData = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: Outcome(
                        status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                        errors: String(decoding: errorData, as: UTF8.self)))
            }
        }
    }

    /// Reads `handle` until it has delivered `count` lines or ends; gives up (returning what came) after `timeout`.
    static func readLines(_ handle: FileHandle, count: Int, timeout: Duration = .seconds(20)) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = Data()
                while buffer.filter({ $0 == 0x0A }).count < count, ContinuousClock.now < deadline {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                }
                let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
                continuation.resume(returning: Array(lines.prefix(count)))
            }
        }
    }
}
