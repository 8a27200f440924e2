import Foundation
import SynclineTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("syncline demo --runner")
struct DemoRunnerTests {
    @Test("the demo keeps the runner up with its status page until Ctrl-C, then stops cleanly")
    func demoRunner() async throws {
        let directory = try TemporaryDirectory()
        let process = Process()
        process.executableURL = CommandLineRun.executable
        process.arguments = ["demo", "--runner", "--http", "127.0.0.1:0", "--db", directory.path("demo.db")]
        process.currentDirectoryURL = RepositoryPaths.root()
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("status page on http://127.0.0.1:"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text.contains("gong-touchpoints: succeeded"))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("status page on ") })
        let url = try #require(URL(string: String(line.dropFirst("status page on ".count)) + "health"))
        let (body, _) = try await URLSession.shared.data(from: url)
        #expect(String(decoding: body, as: UTF8.self) == #"{"status":"ok"}"#)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("staging database"))
    }
}
