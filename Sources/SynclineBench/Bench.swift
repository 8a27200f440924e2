import ArgumentParser
import Foundation

/// `syncline-bench`: the shipped Gong export job against the reference implementations, in one run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncline-bench",
        abstract: "Benchmark the gong-export-touchpoints job against the Python and C++ anchors on the same data.",
        discussion: """
            For each size: generates Gong pages with ../shared/bench/gen_gong.py (once, reused), runs syncline's
            first run on base/ (whole process: applying the jobs and loading accounts and users first) and a 1%
            incremental run once delta/ appears beside base/; then the same with anchor_plain.py and, where it
            builds (g++ and libsimdjson-dev), limit_simdjson.cpp. Prints calls/s, seconds and peak RSS side by side,
            with syncline's ratio to each anchor. Run from the repository's root, after 'swift build -c release'.

            Example:
              swift build -c release && .build/release/syncline-bench --calls 100000,1000000
            """
    )

    @Option(help: "Sizes to run, in calls, comma-separated.")
    var calls = "100000,1000000"

    @Option(help: "Where generated data and databases go (needs about 4.5 GB per million calls).")
    var work = "/tmp/syncline-bench"

    @Option(help: "The shared bench folder (gen_gong.py and the anchors).")
    var shared = "../shared/bench"

    @Flag(help: "Skip the anchors; run syncline only.")
    var onlySyncline = false

    @Option(help: "Write the results as JSON to this file too.")
    var json: String?

    struct Result: Codable {
        var contender: String
        var calls: Int
        var firstSeconds: Double
        var firstCallsPerSecond: Double
        var incrementalSeconds: Double
        var peakRSSMiB: Double
    }

    func run() throws {
        let repository = FileManager.default.currentDirectoryPath
        let sharedPath = URL(fileURLWithPath: shared, relativeTo: URL(fileURLWithPath: repository)).standardizedFileURL
            .path
        guard FileManager.default.fileExists(atPath: sharedPath + "/gen_gong.py") else {
            throw ValidationError("no gen_gong.py in \(sharedPath); pass --shared")
        }
        let syncline = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("syncline").path
        guard FileManager.default.isExecutableFile(atPath: syncline) else {
            throw ValidationError("no syncline beside syncline-bench; run 'swift build -c release' first")
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let simdjson = onlySyncline ? nil : try buildSimdjsonAnchor(shared: sharedPath)
        var results: [Result] = []
        for size in calls.split(separator: ",").compactMap({ Int($0) }) {
            let data = try generate(size, shared: sharedPath)
            print("== \(size) calls (\(data))")
            results.append(try runSyncline(syncline, data: data, size: size, repository: repository))
            if !onlySyncline {
                results.append(try runPlain(shared: sharedPath, data: data, size: size))
                if let simdjson { results.append(try runSimdjson(simdjson, data: data, size: size)) }
            }
        }
        print(Self.table(results))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(results).write(to: URL(fileURLWithPath: json))
        }
    }

    /// Generates the data once per size (reused while its manifest says the same size).
    private func generate(_ size: Int, shared: String) throws -> String {
        let directory = "\(work)/gong-\(size)"
        let manifest = directory + "/manifest.json"
        if let data = FileManager.default.contents(atPath: manifest),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["calls"] as? Int == size
        {
            try hideDelta(directory)
            return directory
        }
        print("generating \(size) calls into \(directory)…")
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + "-delta")
        let result = try ChildProcess.run(
            ["python3", shared + "/gen_gong.py", "--calls", "\(size)", "--out", directory], in: work)
        guard result.status == 0 else { throw BenchError("gen_gong.py failed: \(result.output)") }
        try hideDelta(directory)
        return directory
    }

    /// Keeps delta/ out of sight until the incremental run (it 'appears' then).
    private func hideDelta(_ directory: String) throws {
        if FileManager.default.fileExists(atPath: directory + "/delta") {
            try? FileManager.default.removeItem(atPath: directory + "-delta")
            try FileManager.default.moveItem(atPath: directory + "/delta", toPath: directory + "-delta")
        }
    }

    private func showDelta(_ directory: String) throws {
        if FileManager.default.fileExists(atPath: directory + "-delta") {
            try FileManager.default.moveItem(atPath: directory + "-delta", toPath: directory + "/delta")
        }
    }

    private func runSyncline(_ syncline: String, data: String, size: Int, repository: String) throws -> Result {
        let database = "\(work)/syncline-\(size).db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let environment = [
            "SYNCLINE_DB": database, "ACCOUNTS_CSV": data + "/accounts.csv", "GONG_USERS_FILE": data + "/users.json",
            "GONG_EXPORT_DIR": data,
        ]
        let jobs = ["jobs/accounts.yaml", "jobs/gong-export-users.yaml", "jobs/gong-export-touchpoints.yaml"]
        let apply = try ChildProcess.run([syncline, "apply"] + jobs, in: repository, environment: environment)
        guard apply.status == 0 else { throw BenchError("apply failed: \(apply.output)") }
        let first = try ChildProcess.run(
            [syncline, "sync", "accounts", "gong-export-users", "gong-export-touchpoints"], in: repository,
            environment: environment
        )
        guard first.status == 0 else { throw BenchError("first run failed: \(first.output)") }
        print("syncline first run:\n" + first.output)
        try showDelta(data)
        defer { try? hideDelta(data) }
        let incremental = try ChildProcess.run(
            [syncline, "sync", "gong-export-touchpoints"], in: repository, environment: environment)
        guard incremental.status == 0 else { throw BenchError("incremental run failed: \(incremental.output)") }
        print("syncline incremental run:\n" + incremental.output)
        return Result(
            contender: "syncline", calls: size, firstSeconds: first.seconds,
            firstCallsPerSecond: Double(size) / first.seconds,
            incrementalSeconds: incremental.seconds,
            peakRSSMiB: Double(max(first.peakRSSBytes, incremental.peakRSSBytes)) / 1_048_576
        )
    }

    private func runPlain(shared: String, data: String, size: Int) throws -> Result {
        let database = "\(work)/plain-\(size).db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let first = try ChildProcess.run(
            ["python3", shared + "/anchor_plain.py", "--db", database, "--data", data, "--parts", "base"], in: work)
        guard first.status == 0 else { throw BenchError("anchor_plain.py failed: \(first.output)") }
        try showDelta(data)
        defer { try? hideDelta(data) }
        let incremental = try ChildProcess.run(
            ["python3", shared + "/anchor_plain.py", "--db", database, "--data", data, "--parts", "delta"], in: work
        )
        print("python anchor: \(first.output)\(incremental.output)")
        return Result(
            contender: "python+orjson", calls: size, firstSeconds: first.seconds,
            firstCallsPerSecond: Double(size) / first.seconds,
            incrementalSeconds: incremental.seconds,
            peakRSSMiB: Double(max(first.peakRSSBytes, incremental.peakRSSBytes)) / 1_048_576
        )
    }

    private func buildSimdjsonAnchor(shared: String) throws -> String? {
        let binary = "\(work)/limit_simdjson"
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        guard FileManager.default.fileExists(atPath: "/usr/include/simdjson.h") else {
            print("C++ anchor skipped: libsimdjson-dev is not installed (apt-get install -y libsimdjson-dev)")
            return nil
        }
        let build = try ChildProcess.run(
            ["g++", "-O2", "-std=c++17", "-o", binary, shared + "/limit_simdjson.cpp", "-lsimdjson", "-lsqlite3"],
            in: work
        )
        guard build.status == 0 else {
            print("C++ anchor skipped: it does not build here:\n\(build.output)")
            return nil
        }
        return binary
    }

    private func runSimdjson(_ binary: String, data: String, size: Int) throws -> Result {
        let database = "\(work)/simdjson-\(size).db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let first = try ChildProcess.run([binary, database, data, "base"], in: work)
        guard first.status == 0 else { throw BenchError("limit_simdjson failed: \(first.output)") }
        try showDelta(data)
        defer { try? hideDelta(data) }
        let incremental = try ChildProcess.run([binary, database, data, "delta"], in: work)
        print("C++ anchor: \(first.output)\(incremental.output)")
        return Result(
            contender: "c++ simdjson", calls: size, firstSeconds: first.seconds,
            firstCallsPerSecond: Double(size) / first.seconds,
            incrementalSeconds: incremental.seconds,
            peakRSSMiB: Double(max(first.peakRSSBytes, incremental.peakRSSBytes)) / 1_048_576
        )
    }

    static func table(_ results: [Result]) -> String {
        var lines = [
            "| calls | contender | first run s | calls/s | syncline ÷ it (speed) | 1% incremental s | syncline ÷ it (time) | peak RSS MiB |",
            "|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            let ours = results.first { $0.contender == "syncline" && $0.calls == result.calls }
            let speed = ours.map { String(format: "%.2f", $0.firstCallsPerSecond / result.firstCallsPerSecond) } ?? "-"
            let time = ours.map { String(format: "%.2f", $0.incrementalSeconds / result.incrementalSeconds) } ?? "-"
            lines.append(
                String(
                    format: "| %d | %@ | %.2f | %.0f | %@ | %.2f | %@ | %.0f |", result.calls, result.contender,
                    result.firstSeconds,
                    result.firstCallsPerSecond, speed, result.incrementalSeconds, time, result.peakRSSMiB
                )
            )
        }
        return lines.joined(separator: "\n")
    }
}
