import Foundation
import SynclineSandbox
import Testing

@Suite("Paging follows Gong's cursor rules")
struct PaginationTests {
    @Test("1,050 calls at page size 100 come in 11 pages, in started order, each call once")
    func elevenPages() async throws {
        let data = GongSandboxData.generated(calls: 1050, seed: 7, end: TestCalls.end)
        try await withSandbox(data) { session in
            let pages = try await session.allExtensivePages()
            #expect(pages.count == 11)
            var ids: [String] = []
            var previous = Int64.min
            for (number, page) in pages.enumerated() {
                let records = try page.records()
                #expect(records["totalRecords"] as? Int == 1050)
                #expect(records["currentPageNumber"] as? Int == number)
                #expect(records["currentPageSize"] as? Int == (number < 10 ? 100 : 50))
                #expect((records["cursor"] != nil) == (number < 10), "cursor only while more remain")
                for call in try page.calls() {
                    let metaData = try #require(call["metaData"] as? [String: Any])
                    ids.append(try #require(metaData["id"] as? String))
                    let text = try #require(metaData["started"] as? String)
                    let started = try #require(TestTime.milliseconds(text))
                    #expect(started >= previous, "calls come ordered by started")
                    previous = started
                }
            }
            #expect(ids.count == 1050)
            #expect(Set(ids).count == 1050, "no call twice")
            #expect(ids == data.callIds, "every call, in the sandbox's order")
        }
    }

    @Test("GET /v2/calls pages flat metadata with the same cursor rules")
    func basicCalls() async throws {
        let data = GongSandboxData.generated(calls: 250, seed: 3, end: TestCalls.end)
        try await withSandbox(data) { session in
            let query = "fromDateTime=" + TestQuery.encode("2026-02-01T00:00:00-08:00")
            let pages = try await session.allCallPages(query: query)
            #expect(pages.count == 3)
            #expect(try pages.map { try $0.records()["currentPageSize"] as? Int } == [100, 100, 50])
            let first = try #require(try pages[0].calls().first)
            #expect(first["metaData"] == nil, "items are the flat CallBasicData")
            #expect(first["id"] is String && first["started"] is String)
            #expect(first["parties"] == nil)
            #expect(try pages.flatMap { try $0.callIds() } == data.callIds)
        }
    }

    @Test("users come in pages of the configured size")
    func users() async throws {
        let data = GongSandboxData.generated(calls: 10, seed: 1, end: TestCalls.end)
        try await withSandbox(data, configuration: GongSandboxConfiguration(pageSize: 5)) { session in
            var ids: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let reply = try await session.get(
                    "/v2/users" + (cursor.map { "?cursor=" + TestQuery.encode($0) } ?? ""))
                #expect(reply.status == 200)
                #expect(try reply.records()["totalRecords"] as? Int == 12)
                #expect(try reply.records()["currentPageNumber"] as? Int == pages)
                ids += try reply.users().compactMap { $0["id"] as? String }
                cursor = try reply.cursor()
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(ids.count == 12 && Set(ids).count == 12)
        }
    }

    @Test("repeating a request with the same cursor gives the same page again")
    func repeatableCursor() async throws {
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(25)), configuration: .init(pageSize: 10)) {
            session in
            let first = try await session.extensive(["filter": [:]])
            let cursor = try #require(try first.cursor())
            let second = try await session.extensive(["filter": [:], "cursor": cursor])
            let again = try await session.extensive(["filter": [:], "cursor": cursor])
            #expect(try second.callIds() == again.callIds())
            #expect(try second.records()["currentPageNumber"] as? Int == 1)
            #expect(Set(try first.callIds()).isDisjoint(with: try second.callIds()))
        }
    }

    @Test("a cursor sent with a different filter, to another endpoint or made up is a 400 with the error body")
    func cursorMisuse() async throws {
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(25)), configuration: .init(pageSize: 10)) {
            session in
            let filter = ["fromDateTime": "2026-03-02T00:00:00Z"]
            let first = try await session.extensive(["filter": filter])
            let cursor = try #require(try first.cursor())
            let sameInstant = try await session.extensive([
                "filter": ["fromDateTime": "2026-03-01T16:00:00-08:00"], "cursor": cursor,
            ])
            #expect(sameInstant.status == 200, "the same instant written with an offset is the same filter")
            let otherFilter = try await session.extensive([
                "filter": ["fromDateTime": "2026-03-02T00:05:00Z"], "cursor": cursor,
            ])
            #expect(otherFilter.status == 400)
            #expect(try otherFilter.json()["requestId"] is String)
            #expect(try !otherFilter.errors().isEmpty)
            let otherEndpoint = try await session.get("/v2/calls?cursor=" + TestQuery.encode(cursor))
            #expect(otherEndpoint.status == 400)
            let madeUp = try await session.extensive(["filter": filter, "cursor": "eyJhbGciOiJIUzI1NiJ9.bogus"])
            #expect(madeUp.status == 400)
            #expect(try !madeUp.errors().isEmpty)
        }
    }

    @Test("query parameters on the extensive POST are ignored, as Gong ignores them")
    func queryIgnored() async throws {
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(5))) { session in
            let query = "?fromDateTime=" + TestQuery.encode("2030-01-01T00:00:00Z")
            let reply = try await session.extensive(["filter": [:]], query: query)
            #expect(reply.status == 200)
            #expect(try reply.records()["totalRecords"] as? Int == 5)
            let logged = try #require(await session.sandbox.requestLog.last)
            #expect(logged.query == String(query.dropFirst()))
            #expect(logged.filter == GongCallFilter())
        }
    }
}
