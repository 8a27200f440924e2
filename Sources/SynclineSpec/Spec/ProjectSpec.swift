package import Foundation
package import SynclineCore

/// The project file (`syncline.yaml`) as written, every value with its location.
package struct ProjectSpec: Sendable {
    /// The file as the user named it.
    package var file: String
    /// Where the document starts.
    package var root: SourceLocation
    /// `version:`.
    package var version: Located<Int>?
    /// `instance.timezone:`.
    package var timezone: Located<String>?
    /// `connections:`, in the order written: each name where its key is written, and the connection.
    package var connections: [(name: Located<String>, connection: ConnectionSpec)]
    /// `defaults:`: target object, attribute and value, each where it is written.
    package var defaults: [(target: Located<String>, attribute: Located<String>, value: Located<String>)]

    /// Reads and shape-checks the project file at `url`; `displayName` is how locations name it.
    ///
    /// Returns the spec (nil when the file could not be read as YAML at all) and every shape diagnostic.
    package static func read(
        contentsOf url: URL, displayName: String, reader: SpecReader = SpecReader()
    ) -> (spec: ProjectSpec?, diagnostics: [Diagnostic]) {
        switch reader.read(contentsOf: url, displayName: displayName) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .document(let node, _):
            return (ProjectSpec(node, file: displayName), Shape.project.validate(node))
        }
    }

    /// Builds the spec from a shape-checked node; values of the wrong shape are left out.
    package init(_ node: SpecNode, file: String) {
        self.file = file
        root = node.location
        version = node["version"]?.scalar.flatMap { scalar in Int(scalar.text).map { Located($0, at: scalar.location) }
        }
        timezone = node["instance"]?["timezone"].flatMap(JobSpec.string)
        connections = (node["connections"]?.pairs ?? []).compactMap { pair in
            guard var connection = ConnectionSpec(pair.value) else { return nil }
            connection.location = pair.key.location  // a connection is where its name is written
            return (name: pair.key, connection: connection)
        }
        defaults = (node["defaults"]?.pairs ?? []).flatMap { target in
            (target.value.pairs ?? []).compactMap { attribute in
                JobSpec.string(attribute.value).map { (target: target.key, attribute: attribute.key, value: $0) }
            }
        }
    }
}
