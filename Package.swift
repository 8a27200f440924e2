// swift-tools-version: 6.2
import PackageDescription

/// Settings every target shares: warnings are errors, and imports are explicit about what they re-export.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "syncline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "syncline", targets: ["syncline"]),
        .executable(name: "syncline-bench", targets: ["SynclineBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
    ],
    targets: [
        .target(name: "SynclineCore", swiftSettings: strict),
        .target(
            name: "SynclineSpec",
            dependencies: ["SynclineCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "SynclineCompiler",
            dependencies: [
                "SynclineCore", "SynclineSpec",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        // Hand-written C: sqlite3_db_config is variadic, so Swift cannot call it (see its header).
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "SynclineStore",
            dependencies: [
                "SynclineCore", "CSQLiteConfig", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("../../migrations")],
            swiftSettings: strict
        ),
        .target(
            name: "SynclineConnectors",
            dependencies: [
                "SynclineCore", .product(name: "CSV", package: "CSV.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SynclineEngine",
            dependencies: [
                "SynclineCore", "SynclineStore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SynclineSandbox",
            dependencies: [
                "SynclineCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SynclineRunner",
            dependencies: [
                "SynclineCore", "SynclineEngine", "SynclineStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "syncline",
            dependencies: [
                "SynclineCore", "SynclineSpec", "SynclineCompiler", "SynclineStore", "SynclineConnectors",
                "SynclineEngine", "SynclineSandbox", "SynclineRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SynclineBench",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .target(
            name: "SynclineTestSupport",
            dependencies: [
                "SynclineCore", "SynclineCompiler", "SynclineConnectors",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineCoreTests",
            dependencies: ["SynclineCore", "SynclineTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineSpecTests",
            dependencies: [
                "SynclineCore", "SynclineSpec", "SynclineTestSupport", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineCompilerTests",
            dependencies: [
                "SynclineCore", "SynclineSpec", "SynclineCompiler", "SynclineConnectors", "SynclineTestSupport",
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineConnectorsTests",
            dependencies: [
                "SynclineCore", "SynclineConnectors", "SynclineTestSupport",
                .product(name: "Logging", package: "swift-log"), .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineStoreTests",
            dependencies: [
                "SynclineCore", "SynclineCompiler", "SynclineConnectors", "SynclineStore", "SynclineTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineEngineTests",
            dependencies: [
                "SynclineCore", "SynclineCompiler", "SynclineConnectors", "SynclineEngine", "SynclineStore",
                "SynclineTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineSandboxTests",
            dependencies: [
                "SynclineSandbox", "SynclineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineGongTests",
            dependencies: [
                "SynclineCore", "SynclineCompiler", "SynclineConnectors", "SynclineEngine", "SynclineSandbox",
                "SynclineStore", "SynclineTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineRunnerTests",
            dependencies: [
                "SynclineCore", "SynclineEngine", "SynclineRunner", "SynclineStore", "SynclineTestSupport",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SynclineCLITests",
            dependencies: ["syncline", "SynclineTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ArchitectureTests",
            dependencies: ["SynclineTestSupport"],
            swiftSettings: strict
        ),
    ]
)
