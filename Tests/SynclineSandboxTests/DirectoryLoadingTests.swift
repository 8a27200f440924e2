import Foundation
import SynclineSandbox
import SynclineTestSupport
import Testing

@Suite("Loading exported pages from a directory")
struct DirectoryLoadingTests {
    /// Gong's generator for the benchmark: `shared/bench` beside this repository (as CI lays it out too).
    static let generator = RepositoryPaths.root().deletingLastPathComponent().appendingPathComponent(
        "shared/bench/gen_gong.py")

    /// The Python that runs the generator, once the generator is known to be there; fails (never skips) the test
    /// otherwise, since a missing `../shared` is a broken checkout, not a reason to test less.
    static func generatorPython() throws -> URL {
        try #require(
            FileManager.default.fileExists(atPath: generator.path),
            "\(generator.path) is missing: clone the project beside shared/ (as CI lays it out)")
        return try #require(
            ChildProcess.python(),
            "no python3 ($SYNCLINE_PYTHON, else PATH): run .ci/run, or apt-get install -y python3")
    }

    /// Syncline's bundled sample.
    static var sample: URL? {
        let folder = RepositoryPaths.root().appendingPathComponent("samples/gong")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("users.json").path) ? folder : nil
    }

    /// Runs gen_gong.py with `arguments` into a fresh folder (one worker, calls ending at 2026-03-10T00:00:00Z).
    static func generate(_ arguments: [String]) async throws -> TemporaryDirectory {
        let python = try generatorPython()
        let folder = try TemporaryDirectory()
        let outcome = try await ChildProcess.run(
            python,
            [generator.path, "--out", folder.url.path, "--end", "2026-03-10T00:00:00Z", "--workers", "1"] + arguments)
        try #require(outcome.status == 0, "gen_gong.py failed: \(outcome.errors)")
        return folder
    }

    @Test("gen_gong.py's layout (base/ and delta/ pages) serves every call across pages and by window")
    func benchLayout() async throws {
        let folder = try await Self.generate(["--calls", "1200", "--users", "40", "--accounts", "100"])
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("manifest.json")))
                as? [String: Any])
        let delta = try #require(manifest["delta"] as? [String: Any])
        let deltaStart = try #require(delta["started_min"] as? String)
        let deltaCount = try #require(delta["calls"] as? Int)

        let data = try GongSandboxData.load(directory: folder.url)
        #expect(data.callCount == 1200 + deltaCount)
        #expect(data.userCount == 40)
        try await withSandbox(data) { session in
            let pages = try await session.allExtensivePages(selector: ["exposedFields": ["parties": true]])
            #expect(pages.count == 13)
            let ids = try pages.flatMap { try $0.callIds() }
            #expect(ids.count == 1212 && Set(ids).count == 1212)
            let fromDelta = try await session.allExtensivePages(filter: ["fromDateTime": deltaStart])
            #expect(try fromDelta.flatMap { try $0.callIds() }.count == deltaCount)
            let beforeDelta = try await session.allExtensivePages(filter: ["toDateTime": deltaStart])
            #expect(try beforeDelta.flatMap { try $0.callIds() }.count == 1200)
            let users = try await session.get("/v2/users")
            #expect(try users.users().count == 40)
        }
    }

    @Test("calls served from files are the stored calls, byte for byte in content")
    func servedAsStored() async throws {
        let folder = try await Self.generate([
            "--calls", "150", "--users", "20", "--accounts", "50", "--delta-pct", "0",
        ])
        let page = try Data(contentsOf: folder.url.appendingPathComponent("base/page_000002.json"))
        let stored = try #require(
            (try JSONSerialization.jsonObject(with: page) as? [String: Any])?["calls"] as? [[String: Any]])
        let selector: [String: Any] = [
            "context": "Extended",
            "exposedFields": [
                "parties": true,
                "content": Dictionary(uniqueKeysWithValues: TestCalls.contentMembers.map { ($0, true) }),
            ],
        ]
        let ids = stored.compactMap { ($0["metaData"] as? [String: Any])?["id"] as? String }
        try await withSandbox(try GongSandboxData.load(directory: folder.url)) { session in
            let reply = try await session.extensive(["filter": ["callIds": ids], "contentSelector": selector])
            let served = try reply.calls()
            #expect(served.count == stored.count)
            let byId = Dictionary(
                uniqueKeysWithValues: stored.map { (($0["metaData"] as? [String: Any])?["id"] as? String ?? "", $0) })
            for call in served {
                let id = (call["metaData"] as? [String: Any])?["id"] as? String ?? ""
                let original = try #require(byId[id])
                #expect(NSDictionary(dictionary: call).isEqual(to: original), "call \(id) differs from its page")
            }
        }
    }

    @Test("Syncline's bundled sample (users.json and calls/page_*.json) loads: 300 calls, 12 users")
    func bundledSample() async throws {
        let sample = try #require(Self.sample, "samples/gong not found")
        let folder = try TemporaryDirectory()
        let copy = folder.url.appendingPathComponent("gong")
        try FileManager.default.copyItem(at: sample, to: copy)
        let data = try GongSandboxData.load(directory: copy)
        #expect(data.callCount == 300)
        #expect(data.userCount == 12)
        try await withSandbox(data) { session in
            let pages = try await session.allExtensivePages()
            #expect(pages.count == 3)
            #expect(Set(try pages.flatMap { try $0.callIds() }).count == 300)
            let users = try await session.get("/v2/users")
            #expect(try users.records()["totalRecords"] as? Int == 12)
            #expect(try users.cursor() == nil)
        }
    }

    @Test("a call without a usable started, or a page that is not JSON, fails the load naming the file")
    func brokenPages() throws {
        let folder = try TemporaryDirectory()
        try folder.write(
            #"{"calls": [{"metaData": {"id": "1", "started": "2026-03-02T00:00:00Z"}}]}"#, to: "a/page_000001.json")
        try folder.write(
            #"{"calls": [{"metaData": {"id": "2", "started": "last tuesday"}}]}"#, to: "a/page_000002.json")
        #expect {
            try GongSandboxData.load(directory: folder.url)
        } throws: { error in
            "\(error)".contains("page_000002.json") && "\(error)".contains("last tuesday")
        }
        try folder.write(
            #"{"calls": [{"metaData": {"id": "2", "started": "2026-03-02T00:00:00Z"}}"#, to: "a/page_000002.json")
        #expect {
            try GongSandboxData.load(directory: folder.url)
        } throws: { error in
            "\(error)".contains("page_000002.json")
        }
        #expect(throws: GongSandboxDataError.self) {
            try GongSandboxData.load(directory: folder.url.appendingPathComponent("missing"))
        }
    }

    @Test("index.json, manifest.json and other files are ignored; pages load at any depth")
    func otherFiles() async throws {
        let folder = try TemporaryDirectory()
        try folder.write(#"{"first": "page_000001.json", "cursors": {}}"#, to: "base/index.json")
        try folder.write(#"{"seed": 1}"#, to: "manifest.json")
        try folder.write("domain,account_id\n", to: "accounts.csv")
        try folder.write(
            #"{"calls": [{"metaData": {"id": "7", "started": "2026-03-02T00:00:00+02:00"}}]}"#, to: "x/y/z/page_1.json")
        try folder.write(#"{"users": []}"#, to: "users.json")
        let data = try GongSandboxData.load(directory: folder.url)
        #expect(data.callCount == 1 && data.userCount == 0)
        try await withSandbox(data) { session in
            let users = try await session.get("/v2/users")
            #expect(users.status == 200)
            #expect(try users.records()["totalRecords"] as? Int == 0)
        }
    }

    @Test("raw JSON in memory: escaped strings are served as written")
    func rawJSON() async throws {
        let calls = Data(
            #"""
            [{"metaData": {"id": "42", "started": "2026-03-02T09:00:00.250-08:00",
                           "title": "Caf\u00e9 \"Q2\" \/ review"},
              "parties": [{"id": "1", "name": "Zo\u00eb"}]}]
            """#.utf8)
        let users = Data(#"{"requestId": "r", "users": [{"id": "9", "emailAddress": "a@b.example"}]}"#.utf8)
        let data = try GongSandboxData(usersJSON: users, callsJSON: calls)
        try await withSandbox(data) { session in
            let reply = try await session.extensive(["filter": ["fromDateTime": "2026-03-02T17:00:00.250Z"]])
            let call = try #require(try reply.calls().first)
            #expect((call["metaData"] as? [String: Any])?["title"] as? String == "Café \"Q2\" / review")
            let none = try await session.extensive(["filter": ["fromDateTime": "2026-03-02T17:00:00.251Z"]])
            #expect(none.status == 404)
            #expect(try await session.get("/v2/users").users().first?["id"] as? String == "9")
        }
    }
}
