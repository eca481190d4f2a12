import Foundation
import Testing
import TestSupport

/// `skein bench` as a researcher and CI use it: the quick suite reproduces its committed checksums
/// at 1 and 2 threads (so it also guards reproducibility), and --compare exits non-zero on a
/// changed result.
@Suite("skein bench")
struct BenchCommandTests {
    static let quick = Fixtures.repositoryRoot.appendingPathComponent("Benchmarks/suites/quick.yaml").path

    static func run(_ arguments: [String]) throws -> (CommandResult, [String: Any]) {
        let result = try CommandRunner.skein(["bench", quick, "--json", "--repeat", "1"] + arguments)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    static func checksums(_ object: [String: Any]) -> [String: String] {
        var sums: [String: String] = [:]
        for w in object["workloads"] as? [[String: Any]] ?? [] { sums[w["name"] as! String] = w["checksum"] as? String }
        return sums
    }

    @Test func theQuickSuiteReproducesItsChecksumsAtAnyThreadCount() throws {
        let (one, a) = try Self.run(["--threads", "1"])
        #expect(one.status == 0, "\(one.stdout.prefix(3000)) \(one.stderr)")
        let (two, b) = try Self.run(["--threads", "2"])
        #expect(two.status == 0, "\(two.stderr)")
        let sums = Self.checksums(a)
        #expect(sums.count >= 9 && sums == Self.checksums(b))
        for w in a["workloads"] as? [[String: Any]] ?? [] {
            #expect(w["status"] as? String == "ok", "\(w)")
            #expect((w["expected_checksum"] as? String) == (w["checksum"] as? String), "\(w["name"] ?? "")")
            #expect((w["seconds"] as? [Double])?.count == 1 && (w["throughput"] as? Double ?? 0) > 0)
        }
        let provenance = a["provenance"] as? [String: Any]
        #expect((provenance?["machine"] as? [String: Any])?["cpu_model"] != nil && (provenance?["blas"] as? [String: Any])?["threads"] != nil)
    }

    @Test func compareFlagsAChangedChecksumWithANonZeroExit() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let baseline = dir.appendingPathComponent("baseline.json")
        let (first, _) = try Self.run(["--only", "pagerank", "--only", "generate", "--out", baseline.path])
        #expect(first.status == 0, "\(first.stderr)")
        let (same, sameObject) = try Self.run(["--only", "pagerank", "--only", "generate", "--compare", baseline.path, "--threshold", "100"])
        #expect(same.status == 0 && (sameObject["comparison"] as? [[String: Any]])?.count == 2, "\(same.stdout)")
        // The same binary against itself at the default threshold: the noise rule (and re-measuring) keeps it quiet.
        let itself = try CommandRunner.skein(["bench", Self.quick, "--only", "pagerank", "--only", "generate", "--compare", baseline.path])
        #expect(itself.status == 0 && itself.stdout.contains("no regressions"), "\(itself.stdout)")
        // Tamper with the baseline's checksum: the run must fail and say which workload.
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: baseline)) as! [String: Any]
        var workloads = object["workloads"] as! [[String: Any]]
        workloads[0]["checksum"] = String(repeating: "0", count: 64)
        object["workloads"] = workloads
        try JSONSerialization.data(withJSONObject: object).write(to: baseline)
        let changed = try CommandRunner.skein(["bench", Self.quick, "--repeat", "1", "--only", "pagerank", "--only", "generate",
                                               "--compare", baseline.path, "--threshold", "100"])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("CHECKSUM CHANGED") && changed.stdout.contains(workloads[0]["name"] as! String))
        let broken = try CommandRunner.skein(["bench", Self.quick, "--compare", dir.appendingPathComponent("none.json").path])
        #expect(broken.status == 1 && broken.stderr.contains("none.json"))
    }
}
