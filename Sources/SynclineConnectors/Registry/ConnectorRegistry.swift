package import SynclineCore

/// The connectors of a build, by name: the catalogue the compiler checks jobs against and the factory the
/// engine asks for sources.
///
/// The executable makes the one list (`Sources/syncline/Support/Connectors.swift`); tests make their own with the
/// connectors they exercise.
package struct ConnectorRegistry: Sendable {
    /// The connectors, in the order given.
    package let connectors: [any Connector]

    /// A registry of `connectors`; their names must differ (a programming error otherwise).
    package init(_ connectors: [any Connector]) {
        let names = connectors.map(\.id)
        precondition(Set(names).count == names.count, "two connectors share a name: \(names)")
        self.connectors = connectors
    }

    /// What the compiler checks jobs against: every connector's catalogue and the staging model's targets.
    package var catalog: Catalog { Catalog(connectors: connectors.map(\.catalog)) }

    /// The connector named `id`.
    package func connector(_ id: ConnectorID) -> (any Connector)? { connectors.first { $0.id == id } }

    /// The source for `plan`, from the connector it names.
    ///
    /// Throws `ConnectorError` (code `configuration`) when no connector of that name is registered.
    package func source(for plan: Plan, connection: ResolvedConnection?, context: SourceContext) throws -> any Source {
        guard let connector = connector(plan.source.connector) else {
            throw ConnectorError(
                .configuration,
                "connector '\(plan.source.connector)' is not in this build (it has \(connectors.map { "'\($0.id)'" }.joined(separator: ", ")))"
            )
        }
        return try connector.source(for: plan, connection: connection, context: context)
    }
}
