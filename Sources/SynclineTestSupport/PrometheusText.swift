/// Prometheus's text exposition format (version 0.0.4), parsed strictly, so tests read `/metrics` as Prometheus
/// would instead of grepping it.
///
/// Hand-written: swift-prometheus writes the format but no listed package reads it. It rejects what Prometheus
/// rejects and what the format's rules forbid: bad metric or label names, unterminated or badly escaped label
/// values, unparseable values, a `# TYPE` after its family's samples or twice, a family's samples split apart,
/// histograms without `le`, a `+Inf` bucket or `_count`, or with buckets that decrease.
package struct PrometheusText: Sendable {
    /// One sample line: `name{labels} value`.
    package struct Sample: Sendable, Hashable {
        /// The sample's name (for a histogram: the family's name with `_bucket`, `_sum` or `_count`).
        package var name: String
        /// Its labels, by name.
        package var labels: [String: String]
        /// Its value.
        package var value: Double
    }

    /// A metric family: its `# TYPE`, `# HELP` and samples.
    package struct Family: Sendable, Hashable {
        /// The family's name.
        package var name: String
        /// `counter`, `gauge`, `histogram`, `summary` or `untyped`.
        package var type: String
        /// Its help text, if any.
        package var help: String?
        /// Its samples, in order.
        package var samples: [Sample]
    }

    /// Why a text is not valid exposition: the 1-based line and what is wrong.
    package struct ParseError: Error, Sendable, CustomStringConvertible {
        /// The 1-based line.
        package var line: Int
        /// What is wrong.
        package var message: String
        /// `line N: message`.
        package var description: String { "line \(line): \(message)" }
    }

    /// The families, in the order they appear.
    package var families: [Family]

    /// Parses `text`, throwing at the first line that breaks the format.
    package init(parsing text: String) throws(ParseError) {
        var families: [Family] = []
        var finished = Set<String>()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(rawLine)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            func fail(_ message: String) -> ParseError { ParseError(line: lineNumber, message: message) }
            if line.hasPrefix("#") {
                let words = line.dropFirst().split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                guard words.count >= 2, words[0] == "TYPE" || words[0] == "HELP" else { continue }  // a comment
                let name = String(words[1])
                guard Self.isMetricName(name) else { throw fail("'\(name)' is not a valid metric name") }
                if families.last?.name != name {
                    guard !finished.contains(name) else { throw fail("family '\(name)' appears twice") }
                    if let last = families.last { finished.insert(last.name) }
                    families.append(Family(name: name, type: "untyped", help: nil, samples: []))
                }
                if words[0] == "TYPE" {
                    let type = words.count > 2 ? String(words[2]) : ""
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(type) else {
                        throw fail("'\(type)' is not a metric type")
                    }
                    guard families[families.count - 1].samples.isEmpty else {
                        throw fail("# TYPE for '\(name)' after its samples")
                    }
                    families[families.count - 1].type = type
                } else {
                    guard families[families.count - 1].help == nil else { throw fail("second # HELP for '\(name)'") }
                    families[families.count - 1].help = words.count > 2 ? String(words[2]) : ""
                }
                continue
            }
            let sample: Sample
            do { sample = try Self.sample(line) } catch { throw fail(error.message) }
            let family = Self.familyName(of: sample.name, in: families.last)
            if families.last?.name != family {
                guard !finished.contains(family) else {
                    throw fail("samples of '\(family)' are split apart by another family")
                }
                if let last = families.last { finished.insert(last.name) }
                families.append(Family(name: family, type: "untyped", help: nil, samples: []))
            }
            families[families.count - 1].samples.append(sample)
        }
        for family in families where family.type == "histogram" {
            try Self.checkHistogram(family, line: lineNumber)
        }
        self.families = families
    }

    /// The family named `name`.
    package func family(_ name: String) -> Family? { families.first { $0.name == name } }

    /// The value of sample `name` whose labels include `labels`, if exactly one matches.
    package func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = families.flatMap(\.samples).filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matches.count == 1 ? matches[0].value : nil
    }

    private struct LineError: Error { var message: String }

    private static func sample(_ line: Substring) throws(LineError) -> Sample {
        var rest = line[...]
        let name = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") })
        guard isMetricName(name) else { throw LineError(message: "'\(line)' does not start with a metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while true {
                rest = rest.drop { $0 == " " }
                if rest.first == "}" {
                    rest = rest.dropFirst()
                    break
                }
                let label = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
                guard isLabelName(label) else { throw LineError(message: "bad label name in '\(line)'") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw LineError(message: "label '\(label)' has no quoted value") }
                rest = rest.dropFirst(2)
                var value = ""
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\"" {
                        closed = true
                        break
                    }
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw LineError(message: "bad escape in the value of label '\(label)'")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { throw LineError(message: "unterminated value of label '\(label)'") }
                guard labels.updateValue(value, forKey: label) == nil else {
                    throw LineError(message: "label '\(label)' appears twice")
                }
                if rest.first == "," {
                    rest = rest.dropFirst()
                } else if rest.first != "}" {
                    throw LineError(message: "expected ',' or '}' after label '\(label)'")
                }
            }
        }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard rest.first == " ", fields.count == 1 || fields.count == 2 else {
            throw LineError(message: "expected 'value [timestamp]' after the name in '\(line)'")
        }
        guard let value = number(fields[0]) else { throw LineError(message: "'\(fields[0])' is not a value") }
        if fields.count == 2, Int64(fields[1]) == nil {
            throw LineError(message: "'\(fields[1])' is not a timestamp in milliseconds")
        }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }

    /// The family a sample belongs to: a histogram's or summary's `_bucket`, `_sum` and `_count` samples belong to
    /// the family declared just before them.
    private static func familyName(of sample: String, in current: Family?) -> String {
        guard let current, current.type == "histogram" || current.type == "summary" else { return sample }
        for suffix in ["_bucket", "_sum", "_count"] where sample == current.name + suffix {
            return current.name
        }
        return sample
    }

    private static func checkHistogram(_ family: Family, line: Int) throws(ParseError) {
        func fail(_ message: String) -> ParseError {
            ParseError(line: line, message: "histogram '\(family.name)': \(message)")
        }
        var series: [[String: String]: [(Double, Double)]] = [:]
        var counts: [[String: String]: Double] = [:]
        for sample in family.samples {
            var labels = sample.labels
            if sample.name == family.name + "_bucket" {
                guard let bound = labels.removeValue(forKey: "le"), let upper = number(bound[...]) else {
                    throw fail("a bucket without a numeric 'le'")
                }
                series[labels, default: []].append((upper, sample.value))
            } else if sample.name == family.name + "_count" {
                counts[labels] = sample.value
            } else if sample.name != family.name + "_sum" {
                throw fail("unexpected sample '\(sample.name)'")
            }
        }
        for (labels, buckets) in series {
            let sorted = buckets.sorted { $0.0 < $1.0 }
            guard sorted.map(\.0) == buckets.map(\.0) else { throw fail("buckets out of order for \(labels)") }
            guard let last = sorted.last, last.0 == .infinity else { throw fail("no +Inf bucket for \(labels)") }
            for (lower, upper) in zip(sorted, sorted.dropFirst()) where upper.1 < lower.1 {
                throw fail("bucket counts decrease for \(labels)")
            }
            guard counts[labels] == last.1 else { throw fail("_count differs from the +Inf bucket for \(labels)") }
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else {
            return false
        }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
