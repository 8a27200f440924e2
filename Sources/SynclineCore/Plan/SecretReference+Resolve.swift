import Foundation

extension SecretReference {
    /// Reads the secret: the environment variable's value, or the named file's first line (trimmed).
    ///
    /// Throws an error that names where it looked and never the value.
    package func resolve(environment: [String: String], naming name: String) throws -> Secret {
        switch self {
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw SecretError(
                    description: "secret '\(name)' is read from environment variable \(variable), which is not set")
            }
            return Secret(value)
        case .file(let path):
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SecretError(description: "secret '\(name)' is read from file \(path), which cannot be read")
            }
            let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let value = firstLine.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw SecretError(description: "secret '\(name)': file \(path) is empty") }
            return Secret(value)
        }
    }
}

/// A secret that cannot be read; says where it was looked for, never a value.
package struct SecretError: Error, Sendable, CustomStringConvertible {
    /// What the user reads.
    package var description: String
}

/// Which hosts plain `http://` may reach: this machine only (the sandbox and tests).
package enum LoopbackHost {
    /// Whether `host` is `localhost`, in 127.0.0.0/8 or `::1`.
    package static func contains(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
