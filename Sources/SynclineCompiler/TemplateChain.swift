import Foundation
import SynclineCore
import SynclineSpec

/// The templates a job extends, nearest first, read and shape-checked.
struct TemplateChain {
    /// The templates, nearest first.
    var templates: [JobSpec] = []
    /// Problems found while following `extends:` (missing files, cycles) and inside the templates.
    var diagnostics: [Diagnostic] = []
    /// Whether a template could not be found or read, or the chain loops.
    var isBroken = false

    /// Follows `extends:` from `spec`, whose file is at `url`.
    init(from spec: JobSpec, at url: URL, reader: SpecReader) {
        var current = spec
        var currentURL = url.standardizedFileURL
        var visited: [URL] = [currentURL]
        while let extends = current.extends {
            guard let next = Self.locate(extends.value, from: currentURL) else {
                let directory = currentURL.deletingLastPathComponent().path
                let looked = Self.candidates(extends.value, from: currentURL).map { candidate in
                    "'"
                        + (candidate.path.hasPrefix(directory + "/")
                            ? String(candidate.path.dropFirst(directory.count + 1)) : candidate.path) + "'"
                }
                let hint = Suggestion.hint(for: extends.value, among: Self.templateNames(near: currentURL))
                diagnostics.append(
                    .error(
                        .extendsMissing,
                        "template '\(extends.value)' not found (looked for \(looked.joined(separator: " and ")))\(hint)",
                        at: extends.location
                    )
                )
                isBroken = true
                return
            }
            if visited.contains(next) {
                let cycle = (visited + [next]).map { $0.deletingPathExtension().lastPathComponent }
                diagnostics.append(
                    .error(
                        .extendsCycle, "'extends' forms a cycle: \(cycle.joined(separator: " -> "))",
                        at: extends.location)
                )
                isBroken = true
                return
            }
            visited.append(next)
            let displayName = Self.displayName(of: next, relativeTo: currentURL, shownAs: current.file)
            let (template, problems) = JobSpec.read(contentsOf: next, displayName: displayName, reader: reader)
            diagnostics += problems
            guard let template else {
                isBroken = true
                return
            }
            templates.append(template)
            current = template
            currentURL = next
        }
    }

    /// The files `name` may refer to, in the order they are tried.
    static func candidates(_ name: String, from url: URL) -> [URL] {
        let directory = url.deletingLastPathComponent()
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") {
            let file = name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? name : name + ".yaml"
            return [directory.appendingPathComponent(file).standardizedFileURL]
        }
        return [
            directory.appendingPathComponent("templates/\(name).yaml").standardizedFileURL,
            directory.appendingPathComponent("\(name).yaml").standardizedFileURL,
        ]
    }

    /// The names of the YAML files beside the job and in its templates/ folder, for suggestions.
    private static func templateNames(near url: URL) -> [String] {
        let directory = url.deletingLastPathComponent()
        return [directory, directory.appendingPathComponent("templates")].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        }
    }

    private static func locate(_ name: String, from url: URL) -> URL? {
        candidates(name, from: url).first { candidate in
            candidate != url.standardizedFileURL && FileManager.default.fileExists(atPath: candidate.path)
        }
    }

    /// The template's path as the user would write it: relative to the job's directory as the job was named.
    private static func displayName(of template: URL, relativeTo job: URL, shownAs jobName: String) -> String {
        let jobDirectory = job.deletingLastPathComponent().standardizedFileURL.path
        let templatePath = template.standardizedFileURL.path
        let shownDirectory = (jobName as NSString).deletingLastPathComponent
        guard templatePath.hasPrefix(jobDirectory + "/") else { return templatePath }
        let relative = String(templatePath.dropFirst(jobDirectory.count + 1))
        return shownDirectory.isEmpty ? relative : shownDirectory + "/" + relative
    }
}
