package import SynclineCore

extension Catalog {
    /// Every connector this build offers, with the staging model's target objects.
    package static let standard = Catalog(
        connectors: [GongCatalog.connector, FileCatalog.connector], targets: TargetObject.staging)
}
