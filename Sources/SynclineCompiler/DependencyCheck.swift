import SynclineCore

/// Checks `depends_on` across job files: every name is a job that exists, and no jobs depend on each other in
/// a loop. Each problem is located at the `depends_on` entry that causes it.
package enum DependencyCheck {
    /// Adds to `compilations` a diagnostic for each dependency that names no job in `known` (the jobs being
    /// compiled, the job files beside them and the jobs already applied) and for each cycle among them.
    package static func check(_ compilations: inout [Compilation], known: Set<String>) {
        let jobs = compilations.filter { !$0.isTemplate }
        let names = Set(jobs.map(\.job)).union(known)
        let graph = Dictionary(
            jobs.map { ($0.job, $0.dependsOn.map(\.value)) }, uniquingKeysWith: { first, _ in first })
        for index in compilations.indices where !compilations[index].isTemplate {
            var added: [Diagnostic] = []
            for name in compilations[index].dependsOn where !names.contains(name.value) {
                added.append(
                    .error(
                        .unknownDependency,
                        "no job '\(name.value)' to depend on" + Suggestion.hint(for: name.value, among: names.sorted()),
                        at: name.location))
            }
            let job = compilations[index].job
            for name in compilations[index].dependsOn where name.value != job {  // itself: reported by the compiler
                if let path = path(from: name.value, to: job, in: graph) {
                    added.append(
                        .error(
                            .dependencyCycle,
                            "depends_on forms a cycle: \(([job] + path).joined(separator: " -> "))",
                            at: name.location))
                }
            }
            guard !added.isEmpty else { continue }
            compilations[index].diagnostics = (compilations[index].diagnostics + added).sortedForDisplay()
            compilations[index].compiled = nil
        }
    }

    /// A path of dependencies from `start` back to `goal`, `start` first and `goal` last; nil when there is none.
    private static func path(from start: String, to goal: String, in graph: [String: [String]]) -> [String]? {
        var stack: [(String, [String])] = [(start, [start])]
        var visited: Set<String> = []
        while let (node, path) = stack.popLast() {
            if node == goal { return path }
            guard visited.insert(node).inserted else { continue }
            for next in graph[node] ?? [] { stack.append((next, path + [next])) }
        }
        return nil
    }
}
