extension Value {
    /// The value as JSON text, members in document order; `indented` puts each member and element on its own line,
    /// two spaces a level (for `preview --raw`). Non-finite numbers, which JSON cannot hold, are written `null`.
    package func jsonText(indented: Bool = false) -> String {
        var json = JSONText()
        write(into: &json, indent: indented ? 0 : nil)
        return json.text
    }

    private func write(into json: inout JSONText, indent: Int?) {
        let inner = indent.map { "\n" + String(repeating: " ", count: $0 + 2) } ?? ""
        let outer = indent.map { "\n" + String(repeating: " ", count: $0) } ?? ""
        let next = indent.map { $0 + 2 }
        switch self {
        case .null: json.appendRaw("null")
        case .bool(let flag): json.appendRaw(flag ? "true" : "false")
        case .int(let number): json.appendRaw(String(number))
        case .double(let number): json.appendRaw(number.isFinite ? "\(number)" : "null")
        case .string(let text): json.appendString(text)
        case .array(let elements):
            guard !elements.isEmpty else { return json.appendRaw("[]") }
            json.appendRaw("[")
            for (index, element) in elements.enumerated() {
                json.appendRaw((index == 0 ? "" : ",") + inner)
                element.write(into: &json, indent: next)
            }
            json.appendRaw(outer + "]")
        case .object(let members):
            guard !members.isEmpty else { return json.appendRaw("{}") }
            json.appendRaw("{")
            for (index, member) in members.enumerated() {
                json.appendRaw((index == 0 ? "" : ",") + inner)
                json.appendString(member.key)
                json.appendRaw(indent == nil ? ":" : ": ")
                member.value.write(into: &json, indent: next)
            }
            json.appendRaw(outer + "}")
        }
    }
}
