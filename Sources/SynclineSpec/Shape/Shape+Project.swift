import SynclineCore

extension Shape {
    /// The shape of the project file, `syncline.yaml`: settings of the instance, its connections, its defaults.
    package static let project: Shape = .object(
        summary: "A Syncline project (syncline.yaml): the instance's settings, connections and defaults.",
        properties: [
            .init("version", .integer(summary: "Format version; must be 1."), isRequired: true),
            .init(
                "instance",
                .object(
                    summary: "Settings of the instance the jobs deliver to.",
                    properties: [
                        .init(
                            "timezone",
                            .string(
                                summary:
                                    "IANA time zone of the instance (default: the machine's); schedules use it unless a job names its own."
                            ))
                    ]
                )
            ),
            .init(
                "connections",
                .dictionary(
                    summary: "Connections by name; a job says `connection: NAME` to use one.",
                    value: .object(
                        summary: "One connection: connector, base URL, where its secrets are read from, options.",
                        properties: connectionProperties
                    )
                )
            ),
            .init(
                "defaults",
                .object(
                    summary: "Values written for target attributes a job does not map, by target object.",
                    properties: TargetDescriptor.standard.compactMap { target in
                        let attributes = target.attributes.filter(\.acceptsDefault)
                        guard !attributes.isEmpty else { return nil }
                        return .init(
                            target.id.rawValue,
                            .object(
                                summary: "Defaults for \(target.id) attributes.",
                                properties: attributes.map { attribute in
                                    .init(
                                        attribute.name,
                                        .string(
                                            summary: attribute.summary
                                                + (attribute.defaultValue.map { " Default: \($0)." } ?? "")))
                                }
                            )
                        )
                    }
                )
            ),
        ]
    )
}
