import Foundation

/// `syncline sandbox gong` running as a child process, as a user starts it: stopped when released.
package final class SandboxProcess: Sendable {
    /// Its base URL, read from the first line it prints (`listening on http://127.0.0.1:PORT`).
    package let url: String
    private let process: Process

    /// Starts the sandbox with `arguments` after `sandbox gong --port 0`, and `environment` added to this
    /// process's; waits for its first line.
    package init(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = CommandLineRun.executable
        process.arguments = ["sandbox", "gong", "--port", "0"] + arguments
        var merged = ProcessInfo.processInfo.environment
        merged["GONG_ACCESS_KEY"] = nil
        merged["GONG_ACCESS_KEY_SECRET"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        var data = Data()
        while !data.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        url = String(line.dropFirst("listening on ".count))
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
