import Foundation
import SynclineCore

/// Reads a Webex list page (`{"items": [...]}`, People adding `notFoundIds`) with the JSON pull reader: the items
/// pruned to the plan's fields and their id, each checked for its id.
enum WebexPage {
    /// The items of `data`, pruned to `fields` and `idField`.
    ///
    /// Throws `ConnectorError(.malformedPage)` naming `label` when the body is not JSON, has no `items` array, or
    /// an item has no id: nothing of such a page is stored, and the run fails with what came before committed.
    static func items(_ data: Data, fields: [FieldPath], idField: String, label: String) throws -> [Value] {
        let page: Value
        do {
            page = try JSONPull.parse(
                data, selection: .members(["items": Selection(paths: fields.map(\.description) + [idField])]))
        } catch {
            throw ConnectorError(
                .malformedPage, "\(label): the response is not valid JSON (\(error)); nothing of it was stored")
        }
        guard case .object = page, let items = page["items"] else {
            throw ConnectorError(.malformedPage, "\(label): the page has no 'items' array; it is not a Webex list page")
        }
        guard let array = items.array else {
            throw ConnectorError(.malformedPage, "\(label): 'items' is not an array")
        }
        for (index, item) in array.enumerated() where (item[idField]?.string ?? "").isEmpty {
            throw ConnectorError(.malformedPage, "\(label): items[\(index)] has no '\(idField)' string")
        }
        return array
    }
}
