import Foundation
import SynclineCore

/// Reads a Gong list page (`{requestId, records, calls|users: [...]}`) with the JSON pull reader, for the HTTP
/// source and for saved pages in a drop folder alike.
enum GongPage {
    /// What to keep of a Gong list page: the records pruned to `fields` (and their id), `records`, `requestId`
    /// and `errors` (for the documented 404 body).
    static func selection(arrayKey: String, fields: [String], idField: String) -> Selection {
        .members([
            arrayKey: Selection(paths: fields + [idField]), "records": .all, "errors": .all, "requestId": .all,
        ])
    }

    /// The records of a parsed page, each checked for its id; nil for Gong's documented "no calls found" body.
    ///
    /// Throws `ConnectorError(.malformedPage)` naming `label` and `requestID` (a live response's, not a saved file's).
    static func records(
        in page: Value, arrayKey: String, idField: String, label: String, requestID: String? = nil
    ) throws -> [Value]? {
        guard case .object = page else {
            throw ConnectorError(.malformedPage, "\(label): a page is a JSON object, found something else")
        }
        guard let items = page[arrayKey] else {
            if let errors = page["errors"]?.array,
                errors.contains(where: { $0.string?.lowercased().hasPrefix("no calls found") == true })
            {
                return nil
            }
            throw ConnectorError(.malformedPage, "\(label): the page has no '\(arrayKey)' array", requestID: requestID)
        }
        guard let array = items.array else {
            throw ConnectorError(.malformedPage, "\(label): '\(arrayKey)' is not an array", requestID: requestID)
        }
        let idPath = idField.split(separator: ".").map(String.init)
        for (index, item) in array.enumerated() {
            var value: Value? = item
            for key in idPath { value = value?[key] }
            guard let id = value?.string, !id.isEmpty else {
                throw ConnectorError(
                    .malformedPage,
                    "\(label): \(arrayKey)[\(index)] has no '\(idField)' string; the page is not a Gong \(arrayKey) page",
                    requestID: requestID
                )
            }
        }
        return array
    }

    /// Parses a response body: the records (pruned to the fields) and the next cursor.
    static func parse(
        _ data: Data, endpoint: GongEndpoint, fields: [FieldPath], label: String
    ) throws -> (records: [Value], cursor: String?) {
        let page = try select(data, endpoint: endpoint, fields: fields) { error in
            "\(label): the response is not valid JSON (\(error)); nothing of it was stored"
        }
        let records =
            try records(
                in: page, arrayKey: endpoint.arrayKey, idField: endpoint.idField, label: label,
                requestID: page["requestId"]?.string) ?? []
        return (records, page["records"]?["cursor"]?.string)
    }

    /// Parses a saved page file: its records pruned to `fields` (the documented 404 body is an empty page).
    static func parseFile(_ data: Data, endpoint: GongEndpoint, fields: [FieldPath], label: String) throws -> [Value] {
        let page = try select(data, endpoint: endpoint, fields: fields) { error in "\(label): \(error)" }
        return try records(in: page, arrayKey: endpoint.arrayKey, idField: endpoint.idField, label: label) ?? []
    }

    /// The page's members the reader keeps; malformed JSON is `ConnectorError(.malformedPage)` with `message`.
    private static func select(
        _ data: Data, endpoint: GongEndpoint, fields: [FieldPath], message: (any Error) -> String
    ) throws -> Value {
        do {
            return try JSONPull.parse(
                data,
                selection: selection(
                    arrayKey: endpoint.arrayKey, fields: fields.map(\.description), idField: endpoint.idField))
        } catch {
            throw ConnectorError(.malformedPage, message(error))
        }
    }
}
