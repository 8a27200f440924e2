import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process run to completion, measured: wall time and peak resident memory (from `wait4`'s rusage).
///
/// Hand-written: Foundation's `Process` does not report a child's own peak RSS.
struct ChildProcess {
    /// What a finished child measured.
    struct Measurement {
        var status: Int32
        var seconds: Double
        var peakRSSBytes: Int
        var output: String
    }

    /// Runs `arguments[0]` with the rest as arguments, in `directory`, with `environment` added.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws
        -> Measurement
    {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).out")
            .path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        // `env -C` changes folder in the child: Swift's Glibc module lacks posix_spawn_file_actions_addchdir_np.
        let command = ["/usr/bin/env", "-C", directory] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = DispatchTime.now()
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Measurement(status: exitStatus, seconds: seconds, peakRSSBytes: usage.ru_maxrss * 1024, output: output)
    }
}

/// A benchmark failure, with what to do next.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
