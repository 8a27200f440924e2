import Foundation

/// A body template compiled for the values Syncline feeds it: text values as variables, lists of text as
/// sections and inverted sections with `{{.}}` inside. Renders without Mustache's dynamic context look-ups.
///
/// Hand-written: swift-mustache resolves every name through `Any` casts, which cost a third of a sync's time at
/// a million calls. swift-mustache still parses and validates every template (in the compiler), renders any
/// template outside this subset (`compile` returns nil), and is the oracle the tests compare this renderer with.
package struct TextTemplate: Sendable {
    /// A value fed to the template.
    package enum Input: Sendable {
        case text(String)
        case list([String])
    }

    private indirect enum Node: Sendable {
        case text(String)
        case variable(String)
        case element
        case section(String, [Node])
        case inverted(String, [Node])
    }

    private let nodes: [Node]

    /// Compiles `text`, whose values named in `lists` are lists and all others text; nil when the template uses
    /// anything outside the subset (partials, delimiters, lambdas, dotted names, standalone tag lines, a list as a
    /// variable or a text value as a section), which swift-mustache then renders.
    package static func compile(_ text: String, lists: Set<String>) -> TextTemplate? {
        var tokens: [(kind: Character?, name: String, start: String.Index, end: String.Index)] = []
        var index = text.startIndex
        while let open = text[index...].range(of: "{{") {
            guard let close = text[open.upperBound...].range(of: "}}") else { return nil }
            var body = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
            var kind: Character?
            if let first = body.first, "#^/&!>=<$%{".contains(first) {
                guard "#^/".contains(first) else { return nil }
                kind = first
                body = String(body.dropFirst()).trimmingCharacters(in: " ")
            }
            guard !body.isEmpty, body == "." || body.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                return nil
            }
            tokens.append((kind, body, open.lowerBound, close.upperBound))
            index = close.upperBound
        }
        // Standalone section lines are trimmed by Mustache's rules: leave those templates to swift-mustache.
        for token in tokens where token.kind != nil {
            let lineStart = text[..<token.start].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            let lineEnd = text[token.end...].firstIndex(of: "\n") ?? text.endIndex
            let before = text[lineStart..<token.start]
            let after = text[token.end..<lineEnd]
            if before.allSatisfy({ $0 == " " || $0 == "\t" })
                && after.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" })
            {
                return nil
            }
        }
        var stack: [(name: String, inverted: Bool, nodes: [Node])] = [("", false, [])]
        var cursor = text.startIndex
        for token in tokens {
            if cursor < token.start { stack[stack.count - 1].nodes.append(.text(String(text[cursor..<token.start]))) }
            cursor = token.end
            switch token.kind {
            case "#", "^":
                guard lists.contains(token.name), stack.count == 1 else { return nil }
                stack.append((token.name, token.kind == "^", []))
            case "/":
                guard stack.count == 2, let open = stack.popLast(), open.name == token.name else { return nil }
                stack[0].nodes.append(
                    open.inverted ? .inverted(open.name, open.nodes) : .section(open.name, open.nodes))
            default:
                if token.name == "." {
                    guard stack.count == 2, !stack[1].inverted else { return nil }
                    stack[1].nodes.append(.element)
                } else {
                    guard !lists.contains(token.name) else { return nil }
                    stack[stack.count - 1].nodes.append(.variable(token.name))
                }
            }
        }
        guard stack.count == 1 else { return nil }
        if cursor < text.endIndex { stack[0].nodes.append(.text(String(text[cursor...]))) }
        return TextTemplate(nodes: stack[0].nodes)
    }

    /// Renders with `values`; a name without a value renders as nothing (the mapper supplies `missing` itself).
    package func render(_ values: [String: Input]) -> String {
        var output = ""
        output.reserveCapacity(1024)
        render(nodes, values: values, element: nil, into: &output)
        return output
    }

    private func render(_ nodes: [Node], values: [String: Input], element: String?, into output: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let name):
                if case .text(let text)? = values[name] { output += text }
            case .element:
                output += element ?? ""
            case .section(let name, let body):
                guard case .list(let items)? = values[name] else { continue }
                for item in items { render(body, values: values, element: item, into: &output) }
            case .inverted(let name, let body):
                if case .list(let items)? = values[name], !items.isEmpty { continue }
                render(body, values: values, element: nil, into: &output)
            }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
