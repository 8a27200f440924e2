import Foundation
import SynclineCompiler
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("depends_on, checked across job files")
struct DependencyTests {
    private func job(_ dependsOn: String) -> String {
        """
        version: 1
        source: {connector: file, object: csv, path: a.csv, fields: {id: string}}
        target: {object: account, mode: upsert}
        mapping: {account_id: id}
        depends_on: \(dependsOn)
        """
    }

    private func compile(_ jobs: [String: String], known: Set<String> = []) throws -> [String: [String]] {
        let directory = try TemporaryDirectory()
        let compiler = JobCompiler(catalog: TestJobs.catalog)
        var compilations = try jobs.keys.sorted().map { name in
            compiler.compile(
                fileAt: try directory.write(jobs[name] ?? "", to: "\(name).yaml"), displayName: "\(name).yaml")
        }
        DependencyCheck.check(&compilations, known: known)
        return Dictionary(
            uniqueKeysWithValues: compilations.map { compilation in
                (
                    compilation.job,
                    compilation.diagnostics.map {
                        "\($0.location.line):\($0.location.column) \($0.message) [\($0.code.rawValue)]"
                    }
                )
            })
    }

    @Test("a dependency on a job that exists compiles into the plan; an unknown one is located with a suggestion")
    func unknown() throws {
        let result = try compile(["accounts": job("[]"), "calls": job("[acounts, contacts]")], known: ["contacts"])
        #expect(result["accounts"] == [])
        #expect(
            result["calls"] == ["5:14 no job 'acounts' to depend on; did you mean 'accounts'? [unknown-dependency]"])
    }

    @Test("jobs depending on each other in a loop are refused at the entry that closes it")
    func cycle() throws {
        let result = try compile(["a": job("[b]"), "b": job("[c]"), "c": job("[a]"), "d": job("[d]")])
        #expect(result["a"] == ["5:14 depends_on forms a cycle: a -> b -> c -> a [dependency-cycle]"])
        #expect(result["c"] == ["5:14 depends_on forms a cycle: c -> a -> b -> c [dependency-cycle]"])
        #expect(result["d"] == ["5:14 job 'd' depends on itself [dependency-cycle]"])
    }

    @Test("the plan carries its dependencies, and a plan without any keeps its old content hash")
    func plan() throws {
        let directory = try TemporaryDirectory()
        let compiler = JobCompiler(catalog: TestJobs.catalog)
        let with = compiler.compile(fileAt: try directory.write(job("[accounts]"), to: "x.yaml"), displayName: "x.yaml")
        #expect(with.plan?.dependsOn == ["accounts"])
        #expect(String(decoding: try #require(with.compiled).canonicalJSON, as: UTF8.self).contains("\"dependsOn\""))
        let without = compiler.compile(fileAt: try directory.write(job("[]"), to: "y.yaml"), displayName: "y.yaml")
        #expect(!String(decoding: try #require(without.compiled).canonicalJSON, as: UTF8.self).contains("dependsOn"))
    }
}
