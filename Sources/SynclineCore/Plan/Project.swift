package import Foundation

/// The project file compiled (`syncline.yaml`): settings of the instance, its connections and its defaults.
///
/// Optional: without a project file every job works as before (`Project.none`), each naming its own connection.
package struct Project: Sendable {
    /// The file it was read from, as the user named it; nil without a project file.
    package var file: String?
    /// The instance's IANA time zone as written; nil for the machine's.
    package var timezone: String?
    /// Connections by name, as jobs name them (`connection: gong`).
    package var connections: [String: Plan.Connection]
    /// Values written for target attributes a job does not map, by target and attribute.
    package var defaults: [TargetID: [String: String]]

    /// Creates a project.
    package init(
        file: String?, timezone: String?, connections: [String: Plan.Connection] = [:],
        defaults: [TargetID: [String: String]] = [:]
    ) {
        self.file = file
        self.timezone = timezone
        self.connections = connections
        self.defaults = defaults
    }

    /// No project file: the machine's time zone, no shared connections, the targets' own defaults.
    package static let none = Project(file: nil, timezone: nil)

    /// The instance's time zone in force: the project's, else the machine's (resolved when a command runs).
    package var instanceTimeZone: TimeZone {
        timezone.flatMap(TimeZone.init(identifier:)) ?? .current
    }

    /// Where the instance's time zone comes from, for `status` and `plan` (`Europe/Paris, from syncline.yaml`).
    package var instanceTimeZoneDescription: String {
        if let timezone, let file { return "\(timezone), the instance's time zone (\(file))" }
        return "\(TimeZone.current.identifier), the instance's time zone (this machine's)"
    }
}
