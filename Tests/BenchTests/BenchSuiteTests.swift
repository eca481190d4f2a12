import Bench
import Foundation
import Scenarios
import Testing
import TestSupport

/// Suite files: every problem at its file:line:column, absent inputs skipped, checksums written
/// back into the file without disturbing it.
@Suite("Benchmark suite files")
struct BenchSuiteTests {
    static func write(_ text: String) throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("suite.yaml")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func theExampleSuitesLoad() throws {
        for name in ["quick", "standard"] {
            let suite = try BenchSuite.load(Fixtures.repositoryRoot.appendingPathComponent("Benchmarks/suites/\(name).yaml").path)
            #expect(suite.entries.count >= 9, "\(name)")
            #expect(Set(suite.entries.map(\.name)).count == suite.entries.count)
        }
        let standard = try BenchSuite.load(Fixtures.repositoryRoot.appendingPathComponent("Benchmarks/suites/standard.yaml").path)
        // Issue #8: every model, the main metrics and the analyser, at three sizes.
        for size in BenchSuite.Size.allCases { #expect(standard.entries.contains { $0.size == size }) }
        for kind in ["scenario", "opinion", "analyse", "analyse-votes", "network pagerank", "network leiden", "network betweenness"] {
            #expect(standard.entries.contains { $0.kindName == kind }, "\(kind)")
        }
    }

    @Test func problemsAreReportedTogetherAtTheirPlace() throws {
        let url = try Self.write("""
            suite: broken
            repeet: 3
            workloads:
              - name: a
                metric: pagerank
                network: {generate: barabasi-albert, parameters: {n: 100, m: 2}}
                checksum: 1234
              - name: b
                scenario: nowhere.yaml
                analyse: also.txt
              - name: a
                metric: pagerank
                network: {generate: barabasi-albert, parameters: {n: 100, m: 2}}
                sourcs: 3
            """)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            _ = try BenchSuite.load(url.path)
            Issue.record("a broken suite was accepted")
        } catch let error as ScenarioError {
            let text = error.description
            #expect(text.contains("suite.yaml:2:1: unknown key \"repeet\"") && text.contains("did you mean \"repeat\"?"))
            #expect(text.contains("suite.yaml:7:") && text.contains("checksum must be 64 hex digits"))
            #expect(text.contains("more than one kind of work: scenario, analyse"))
            #expect(text.contains("the name \"a\" is used twice"))
            #expect(text.contains("unknown key \"sourcs\"") && text.contains("did you mean \"sources\"?"))
        }
    }

    @Test func absentInputsAreSkippedWithTheirPath() throws {
        let url = try Self.write("""
            workloads:
              - name: missing-network
                metric: leiden
                network: {file: no/such/edges.txt}
              - name: missing-text
                analyse: no/such/responses.csv
            """)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let suite = try BenchSuite.load(url.path)
        #expect(suite.entries.map(\.kindName) == ["network leiden", "analyse"])
        #expect(suite.entries.allSatisfy { $0.kind == nil && $0.skipReason?.contains("no/such/") == true })
        let report = BenchRunner().run(suite)
        #expect(report.workloads.allSatisfy { $0.status == .skipped && $0.message?.contains("input not found") == true })
    }

    @Test func checksumsAreWrittenIntoTheFileKeepingItsComments() throws {
        let text = """
            # my suite
            workloads:
              - name: first   # a comment
                metric: components
                network: {generate: barabasi-albert, parameters: {n: 50, m: 2}}
              - name: second
                checksum: \(String(repeating: "a", count: 64))
                metric: kcore
                network: {generate: barabasi-albert, parameters: {n: 50, m: 2}}
            """
        let url = try Self.write(text)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let suite = try BenchSuite.load(url.path)
        let one = String(repeating: "1", count: 64), two = String(repeating: "2", count: 64)
        let updated = suite.recordingChecksums(["first": one, "second": two], in: text)
        #expect(updated.contains("# my suite") && updated.contains("- name: first   # a comment\n    checksum: \(one)\n"))
        #expect(updated.contains("checksum: \(two)") && !updated.contains(String(repeating: "a", count: 64)))
        try Data(updated.utf8).write(to: url)
        let reread = try BenchSuite.load(url.path)
        #expect(reread.entries.map(\.expectedChecksum) == [one, two])
    }
}
