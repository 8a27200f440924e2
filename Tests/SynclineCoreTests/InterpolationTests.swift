import SynclineCore
import Testing

@Suite("Environment references in job strings")
struct InterpolationTests {
    @Test("a set variable replaces its reference and a default applies when it is unset")
    func resolvesVariables() throws {
        let environment = ["GONG_BASE_URL": "http://127.0.0.1:8080"]
        #expect(
            try Interpolation.resolve("${GONG_BASE_URL:-https://api.gong.io}/v2", environment: environment)
                == "http://127.0.0.1:8080/v2")
        #expect(
            try Interpolation.resolve("${GONG_BASE_URL:-https://api.gong.io}", environment: [:])
                == "https://api.gong.io")
        #expect(try Interpolation.resolve("cost $$5 in ${DIR:-samples}", environment: [:]) == "cost $5 in samples")
    }

    @Test("an unset variable without a default is an error that names it")
    func unsetVariable() {
        #expect(throws: Interpolation.UnsetVariable(name: "ACCOUNTS_CSV")) {
            try Interpolation.resolve("${ACCOUNTS_CSV}", environment: [:])
        }
        #expect(
            Interpolation.UnsetVariable(name: "X").description
                == "environment variable 'X' is not set and has no default; set it or write ${X:-default}"
        )
    }

    @Test(
        "malformed references are reported at their '$'",
        arguments: [
            ("a ${NAME", 2, "'${' is not closed with '}'"),
            ("$HOME/x", 0, "'$' starts a reference: write ${NAME}, or $$ for a literal '$'"),
            ("x${1BAD}", 1, "'1BAD' is not an environment variable name"),
        ]
    )
    func malformed(text: String, offset: Int, message: String) {
        #expect(throws: Interpolation.ParseError(offset: offset, message: message)) {
            try Interpolation.parse(text)
        }
    }
}
