import SynclineConnectors

extension ConnectorRegistry {
    /// Every connector this build offers: the one list. A connector is a folder under
    /// `Sources/SynclineConnectors/` and one line here; nothing else names it.
    static let standard = ConnectorRegistry([
        GongConnector(),
        WebexConnector(),
        FileConnector(recordFiles: GongConnector.recordFiles),
    ])
}
