import Foundation

extension GongSandbox {
    /// What a request asks for, read before it is admitted (so the log can show the filter of a refused one).
    struct ParsedRequest: Sendable {
        var filter: GongCallFilter?
        var cursor: String?
        var selector = GongContentSelector()
        var callId: String?
    }

    /// Answers one request: admission (auth, budgets, faults), then the endpoint, then logging.
    nonisolated func handle(_ request: SandboxHTTPRequest) async -> SandboxHTTPResponse {
        let (endpoint, knownPath) = GongSandboxEndpoint.route(method: request.method, path: request.path)
        let parsed = Result { () throws(GongRequestError) in try Self.parse(request, endpoint: endpoint) }
        let admission = await admit(request, endpoint: endpoint, knownPath: knownPath)
        if let delay = admission.delay {
            try? await Task.sleep(for: delay)
        }
        let response: SandboxHTTPResponse
        if let rejection = admission.rejection {
            response = Self.errorResponse(rejection, requestId: admission.requestId)
        } else {
            switch parsed {
            case .failure(let error): response = Self.errorResponse(error, requestId: admission.requestId)
            case .success(let parsed):
                response = await serve(parsed, endpoint: endpoint, requestId: admission.requestId)
            }
        }
        let details = try? parsed.get()
        return await finish(
            admission, request: request, response: response, filter: details?.filter, cursor: details?.cursor)
    }

    private static func parse(
        _ request: SandboxHTTPRequest, endpoint: GongSandboxEndpoint
    ) throws(GongRequestError) -> ParsedRequest {
        func cursor(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        switch endpoint {
        case .callsExtensive:
            // Gong ignores the query string of this POST: only the body counts.
            let json: Any
            do {
                json = try JSONSerialization.jsonObject(with: Data(request.body))
            } catch {
                throw .badRequest("The request body is not valid JSON")
            }
            guard let body = json as? [String: Any] else { throw .badRequest("The request body must be a JSON object") }
            guard let filter = body["filter"] as? [String: Any] else {
                throw .badRequest("filter is required and must be an object")
            }
            var parsed = ParsedRequest()
            parsed.filter = try GongCallFilter.parse(json: filter)
            if let value = body["cursor"], !(value is NSNull) {
                guard let text = value as? String else { throw .badRequest("cursor must be a string") }
                parsed.cursor = cursor(text)
            }
            parsed.selector = try GongContentSelector.parse(json: body["contentSelector"])
            return parsed
        case .calls:
            var parsed = ParsedRequest()
            parsed.filter = try GongCallFilter.parse(query: request.queryItems)
            parsed.cursor = cursor(request.queryItems["cursor"])
            return parsed
        case .users:
            return ParsedRequest(cursor: cursor(request.queryItems["cursor"]))
        case .call:
            return ParsedRequest(callId: request.path.split(separator: "/").last.map(String.init))
        case .unknown:
            return ParsedRequest()
        }
    }

    private nonisolated func serve(
        _ parsed: ParsedRequest, endpoint: GongSandboxEndpoint, requestId: String
    ) async -> SandboxHTTPResponse {
        do {
            switch endpoint {
            case .callsExtensive, .calls:
                let plan = try await planPage(endpoint: endpoint, filter: parsed.filter, cursor: parsed.cursor)
                let calls = try data.storage.read(plan.positions.map { data.index.locations[$0] })
                var items: [UInt8] = []
                for (offset, call) in calls.enumerated() {
                    if offset > 0 { items.append(UInt8(ascii: ",")) }
                    if endpoint == .calls {
                        try CallRenderer.renderMetaData(call, into: &items)
                    } else {
                        try CallRenderer(selector: parsed.selector).render(call, into: &items)
                    }
                }
                return Self.page(requestId: requestId, plan: plan, member: "calls", items: items)
            case .users:
                let plan = try await planPage(endpoint: endpoint, filter: nil, cursor: parsed.cursor)
                var items: [UInt8] = []
                for (offset, position) in plan.positions.enumerated() {
                    if offset > 0 { items.append(UInt8(ascii: ",")) }
                    items.append(contentsOf: data.users[position])
                }
                return Self.page(requestId: requestId, plan: plan, member: "users", items: items)
            case .call:
                guard let id = parsed.callId, let position = await visiblePosition(ofId: id) else {
                    throw GongRequestError(status: 404, messages: ["Call not found"])
                }
                var body: [UInt8] = []
                body.append(contentsOf: #"{"requestId":"#.utf8)
                JSONValue.writeString(requestId, into: &body)
                body.append(contentsOf: #","call":"#.utf8)
                try CallRenderer.renderMetaData(data.storage.read([data.index.locations[position]])[0], into: &body)
                body.append(UInt8(ascii: "}"))
                return SandboxHTTPResponse(status: 200, body: body)
            case .unknown:
                throw GongRequestError(status: 404, messages: ["No such endpoint"])
            }
        } catch let error as GongRequestError {
            return Self.errorResponse(error, requestId: requestId)
        } catch {
            return Self.errorResponse(
                GongRequestError(status: 500, messages: ["An error has occurred", "\(error)"]), requestId: requestId)
        }
    }

    /// `{requestId, records, <member>: [items]}`.
    private static func page(requestId: String, plan: PagePlan, member: String, items: [UInt8]) -> SandboxHTTPResponse {
        var records: [(String, JSONValue)] = [
            ("totalRecords", .int(plan.total)), ("currentPageSize", .int(plan.positions.count)),
            ("currentPageNumber", .int(plan.pageNumber)),
        ]
        if let next = plan.nextCursor { records.append(("cursor", .string(next))) }
        var body: [UInt8] = []
        body.reserveCapacity(items.count + 256)
        body.append(contentsOf: #"{"requestId":"#.utf8)
        JSONValue.writeString(requestId, into: &body)
        body.append(contentsOf: #","records":"#.utf8)
        JSONValue.object(records).write(into: &body)
        body.append(UInt8(ascii: ","))
        JSONValue.writeString(member, into: &body)
        body.append(contentsOf: ":[".utf8)
        body.append(contentsOf: items)
        body.append(contentsOf: "]}".utf8)
        return SandboxHTTPResponse(status: 200, body: body)
    }

    /// Gong's error body `{requestId, errors: [...]}` with the error's status and headers.
    static func errorResponse(_ error: GongRequestError, requestId: String) -> SandboxHTTPResponse {
        let body: JSONValue = .object([
            ("requestId", .string(requestId)), ("errors", .array(error.messages.map { .string($0) })),
        ])
        return SandboxHTTPResponse(status: error.status, headers: error.headers, body: body.bytes)
    }
}
