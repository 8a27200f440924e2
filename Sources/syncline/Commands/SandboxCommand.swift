import ArgumentParser
import Foundation
import SynclineSandbox

/// `syncline sandbox gong`: a local Gong API for trying jobs without credentials.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local copy of a source's API on 127.0.0.1, for trying jobs without credentials.",
        subcommands: [GongSandboxCommand.self]
    )
}

/// `syncline sandbox gong`.
struct GongSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gong",
        abstract: "Serve Gong API v2 (calls, extensive calls, users) on 127.0.0.1 from generated data or a folder.",
        discussion: """
            The first line on standard output is 'listening on http://127.0.0.1:PORT'. Basic auth is checked against \
            GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (when unset: sandbox / sandbox, printed at start). Pages hold \
            100 items with a cursor while more remain; time filters apply to metaData.started; empty results answer \
            Gong's documented 404. Faults can be switched on to see how a job copes.

            Example:
              syncline sandbox gong --port 8080 --data ../bench-data &
              export GONG_BASE_URL=http://127.0.0.1:8080
              export GONG_ACCESS_KEY=sandbox GONG_ACCESS_KEY_SECRET=sandbox
              syncline sync gong-users gong-touchpoints
            """
    )

    @Option(help: "The port on 127.0.0.1; 0 picks a free one.")
    var port = 0

    @Option(
        help: "A folder of Gong pages (users.json and **/page_*.json, as gen_gong.py writes); default: generated calls."
    )
    var data: String?

    @Option(help: "Generated calls (without --data), spread over the 10 days before now.")
    var calls = 300

    @Option(help: "Items per page.")
    var pageSize = 100

    @Option(help: "Answer 429 beyond this many requests per second (Gong allows 3).")
    var requestsPerSecond: Int?

    @Option(help: "Fault: every Nth request answers 429 with Retry-After: 1.")
    var faultRateLimit: Int?

    @Option(help: "Fault: the next N requests answer 503.")
    var faultServerErrors: Int?

    @Option(help: "Fault: the next N successful bodies are truncated.")
    var faultTruncate: Int?

    @Option(help: "Fault: every response is delayed by this many milliseconds (for the next 1,000 requests).")
    var faultSlowMs: Int?

    @Option(help: "Fault: this percentage of calls stays hidden (processed late by Gong).")
    var faultLatePercent: Double?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let key = environment["GONG_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["GONG_ACCESS_KEY_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        var faults: [GongSandboxFault] = []
        if let faultRateLimit { faults.append(.rateLimit(everyNth: faultRateLimit, retryAfterSeconds: 1)) }
        if let faultServerErrors { faults.append(.serverErrors(count: faultServerErrors, status: 503)) }
        if let faultTruncate { faults.append(.truncatedBodies(count: faultTruncate)) }
        if let faultSlowMs { faults.append(.slowResponses(delay: .milliseconds(faultSlowMs), count: 1_000)) }
        if let faultLatePercent { faults.append(.lateCalls(.fraction(faultLatePercent / 100))) }
        let configuration = GongSandboxConfiguration(
            accessKey: key ?? "sandbox", accessKeySecret: secret ?? "sandbox",
            bearerToken: environment["GONG_BEARER_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }, pageSize: pageSize,
            requestsPerSecond: requestsPerSecond, faults: faults
        )
        let sandboxData =
            try data.map { try GongSandboxData.load(directory: URL(fileURLWithPath: $0)) }
            ?? GongSandboxData.generated(calls: calls, end: Date())
        let sandbox = GongSandbox(data: sandboxData, configuration: configuration)
        try await sandbox.run(port: port) { port in
            print("listening on http://127.0.0.1:\(port)")
            if key == nil || secret == nil {
                print(
                    "credentials: sandbox / sandbox (set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET to choose others)")
            }
            print("serving \(sandboxData.callCount) calls and \(sandboxData.userCount) users; stop with Ctrl-C")
            fflush(nil)
        }
    }
}
