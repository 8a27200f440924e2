import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A small Webex organisation served as Webex serves it, for the source tests: five ended meetings a day apart
/// (2027-03-01 to 03-05, 10:00Z), three invitees each, and preferences per person, one of them refused (403).
enum WebexTestOrganisation {
    /// Meeting `n`'s start.
    static func start(_ n: Int) -> String { "2027-03-0\(n)T10:00:00Z" }

    static func meeting(_ n: Int) -> String {
        #"{"id":"m\#(n)_I_1","meetingType":"meeting","state":"ended","title":"Meeting \#(n)","start":"\#(start(n))","end":"2027-03-0\#(n)T10:45:00Z","hostEmail":"p\#(n)@acme.example","webLink":"https://acme.webex.com/meet/p\#(n)"}"#
    }

    static let forbidden =
        #"{"message":"Not permitted to view or change other user's preferences","errors":[{"description":"Not permitted to view or change other user's preferences"}],"trackingId":"C385085C959545C8813E51803297E132_1562293603899"}"#

    /// A page of `items` (JSON texts) from `offset`, `max` long, with a `Link` to the next one.
    static func page(_ items: [String], request: Request, path: String, extra: String = "") -> Response {
        let offset = Int(request.uri.queryParameters.get("after") ?? "0") ?? 0
        let max = Swift.min(Int(request.uri.queryParameters.get("max") ?? "10") ?? 10, 100)
        let slice = items.dropFirst(offset).prefix(max)
        var response = WebexClientTests.json(#"{"items":[\#(slice.joined(separator: ","))]}"#)
        if offset + max < items.count, let host = request.head.authority {
            response.headers[WebexClientTests.link] =
                "<http://\(host)\(path)?\(extra)max=\(max)&after=\(offset + max)>; rel=\"next\""
        }
        return response
    }

    /// An ISO-8601 instant with or without fractional seconds, as Webex accepts them.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter.date(from: text)
    }

    static func routes(on router: Router<BasicRequestContext>) {
        router.get("/v1/meetings") { request, _ -> Response in
            let query = request.uri.queryParameters
            guard query.get("meetingType") == "meeting", query.get("state") == "ended",
                let to = query.get("to")
            else {
                return WebexClientTests.json(
                    #"{"message":"meetingType, state and to are expected"}"#, status: .badRequest)
            }
            let from = query.get("from") ?? ""
            guard let end = date(to), from.isEmpty || date(from) != nil else {
                return WebexClientTests.json(#"{"message":"from and to must be ISO-8601"}"#, status: .badRequest)
            }
            let begin = date(from) ?? .distantPast
            let chosen = (1...5).filter { n in date(start(n)).map { $0 >= begin && $0 < end } ?? false }.map(meeting)
            let extra = "meetingType=meeting&state=ended&from=\(from)&to=\(to)&"
            return page(chosen, request: request, path: "/v1/meetings", extra: extra)
        }
        router.get("/v1/meetingInvitees") { request, _ -> Response in
            guard let meeting = request.uri.queryParameters.get("meetingId") else {
                return WebexClientTests.json(#"{"message":"meetingId is required"}"#, status: .badRequest)
            }
            let invitees = (1...3).map {
                #"{"id":"\#(meeting)_\#($0)","email":"guest\#($0)@globex.example","displayName":"Guest \#($0)","coHost":false,"panelist":false,"meetingId":"\#(meeting)"}"#
            }
            return page(invitees, request: request, path: "/v1/meetingInvitees", extra: "meetingId=\(meeting)&")
        }
        router.get("/v1/meetingPreferences/personalMeetingRoom") { request, _ -> Response in
            let email = request.uri.queryParameters.get("userEmail") ?? ""
            guard email != "p3@acme.example" else { return WebexClientTests.json(forbidden, status: .forbidden) }
            let name = email.split(separator: "@").first.map(String.init) ?? ""
            return WebexClientTests.json(
                #"{"topic":"\#(name)'s room","personalMeetingRoomLink":"https://acme.webex.com/meet/\#(name)","sipAddress":"\#(name)@acme.webex.com","telephony":{"accessCode":"2550000\#(name.count)"}}"#
            )
        }
        router.get("/v1/meetingPreferences/sites") { _, _ -> Response in
            WebexClientTests.json(
                #"{"sites":[{"siteUrl":"acme.webex.com","default":true},{"siteUrl":"acme-eu.webex.com","default":false}]}"#
            )
        }
    }
}
