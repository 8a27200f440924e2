import ArgumentParser
import Foundation
import SynclineConnectors
import SynclineCore
import SynclineStore

/// `syncline connections`: the project's connections, and a check of each.
struct ConnectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "List the connections of the project file (syncline.yaml), or test them.",
        discussion: """
            Jobs name a connection of syncline.yaml with 'connection: NAME'. 'test' makes one cheap authenticated \
            request per connection (for Gong, the first page of GET /v2/users).

            Examples:
              syncline connections
              syncline connections test
              syncline connections test gong
            """,
        subcommands: [ListConnections.self, TestConnections.self],
        defaultSubcommand: ListConnections.self
    )
}

/// `syncline connections list`.
struct ListConnections: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the project's connections: connector, base URL, where secrets come from.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let project = try project.load()
        guard let file = project.file, !project.connections.isEmpty else {
            print("no connections: \(project.file ?? "no project file (syncline.yaml)") defines none")
            return
        }
        print("connections in \(file):")
        for (name, connection) in project.connections.sorted(by: { $0.key < $1.key }) {
            print("  \(name): \(connection.connector) \(connection.baseURL ?? "(no base URL)")")
            for (secret, source) in connection.secrets.sorted(by: { $0.key < $1.key }) {
                print("    secret \(secret): \(source)")
            }
        }
    }
}

/// `syncline connections test [NAME]`.
struct TestConnections: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Make one cheap authenticated request per connection and say whether it worked.",
        discussion: """
            Prints 'ok' with the request and how long it took, or the HTTP status with the service's request id \
            and what to do next. Secrets are read from where the connection says (environment or file) and never \
            printed. When the staging database exists, the requests count against the day's budget.

            Example:
              GONG_ACCESS_KEY=… GONG_ACCESS_KEY_SECRET=… syncline connections test gong

            Exit status: 0 every connection answered, 1 one failed, 2 wrong usage (no such connection).
            """
    )

    @Argument(help: "The connection to test (default: every connection of the project file).")
    var name: String?

    @OptionGroup var project: ProjectOptions

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let project = try project.load()
        var connections = project.connections.sorted { $0.key < $1.key }
        if let name {
            guard let connection = project.connections[name] else {
                let known = project.connections.keys.sorted()
                throw ValidationError(
                    "no connection '\(name)' in \(project.file ?? "the project file")"
                        + Suggestion.hint(for: name, among: known)
                        + (known.isEmpty ? "" : " (it has \(known.map { "'\($0)'" }.joined(separator: ", ")))"))
            }
            connections = [(name, connection)]
        }
        guard !connections.isEmpty else {
            print("no connections to test: \(project.file ?? "no project file (syncline.yaml)") defines none")
            return
        }
        let logger = CommandLineLogging.bootstrap(verbose: false)
        let context = SourceContext(
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), logger: logger)
        let database = FileManager.default.fileExists(atPath: store.path) ? try store.open() : nil
        var failed = false
        for (name, connection) in connections {
            do {
                let resolved = try ResolvedConnection(
                    resolving: connection, environment: ProcessInfo.processInfo.environment)
                guard let connector = ConnectorRegistry.standard.connector(connection.connector) else {
                    throw ConnectorError(.configuration, "connector '\(connection.connector)' is not in this build")
                }
                let check = try await connector.check(resolved, context: context)
                try database?.countRequests(1, for: resolved.requestCounterKey, now: Date())
                let seconds =
                    Double(check.elapsed.components.attoseconds) / 1e18 + Double(check.elapsed.components.seconds)
                print(
                    "\(name): ok (\(check.request) on \(check.host) answered in \(String(format: "%.2f", seconds)) s)")
            } catch {
                failed = true
                print("\(name): failed: \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
