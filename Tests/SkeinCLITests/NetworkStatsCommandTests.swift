import Foundation
import Testing
import TestSupport

@Suite("skein network stats")
struct NetworkStatsCommandTests {
    let karate = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Fixtures/networkx_karate_club")

    @Test("--json prints the documented keys with networkx's values for the karate club")
    func json() throws {
        let result = try CommandRunner.skein(["network", "stats", karate.appendingPathComponent("edges.csv").path,
                                              "--nodes", karate.appendingPathComponent("nodes.csv").path, "--json", "--threads", "2"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["nodes", "edges", "directed", "density", "components", "largest_component", "average_clustering",
                    "transitivity", "average_path_length", "diameter", "degree_assortativity", "communities", "modularity",
                    "boundaries", "top_brokers", "top_hubs", "top_pagerank", "top_structural_holes", "max_core",
                    "max_core_size", "community_method"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["nodes"] as? Int == 34 && o["edges"] as? Int == 78 && o["directed"] as? Bool == false)
        #expect(isClose(o["average_clustering"] as! Double, 0.5706384782076823, relative: 1e-9))
        #expect(isClose(o["average_path_length"] as! Double, 2.408199643493761, relative: 1e-12))
        let boundary = try #require((o["boundaries"] as? [[String: Any]])?.first)
        #expect(boundary["attribute"] as? String == "club")
        let brokers = try #require(o["top_brokers"] as? [[String: Any]])
        #expect(brokers.first?["node"] as? String == "0")
        // networkx: max(core_number) = 4 on the karate club; Leiden by default.
        #expect(o["max_core"] as? Int == 4 && o["community_method"] as? String == "leiden")
        #expect((o["modularity"] as! Double) >= 0.4197896 - 1e-12)
    }

    @Test("same seed, same output, on 1 or 2 threads")
    func reproducible() throws {
        let args = ["network", "stats", karate.appendingPathComponent("edges.csv").path, "--json", "--seed", "7"]
        let one = try CommandRunner.skein(args + ["--threads", "1"])
        let two = try CommandRunner.skein(args + ["--threads", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout)
    }

    @Test("a malformed edge list exits non-zero naming file, line and column")
    func badInput() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bad = dir.appendingPathComponent("edges.csv")
        try "source,target,weight\na,b,1\nb,c,lots\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try CommandRunner.skein(["network", "stats", bad.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(bad.path):3:3: weight \"lots\" is not a non-negative number"))
        let missing = try CommandRunner.skein(["network", "stats", dir.appendingPathComponent("nope.csv").path])
        #expect(missing.status != 0 && missing.stderr.contains("nope.csv"))
    }

    @Test("network generate writes a GraphML file networkx can read, reproducibly; bad parameters are named")
    func generate() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-gen-\(UUID().uuidString)")
        let out = dir.appendingPathComponent("org.graphml")
        let args = ["network", "generate", "organisation", "--param", "organisations=4", "--param", "leaders=nurse,doctor,manager",
                    "--seed", "5", "-o", out.path]
        let result = try CommandRunner.skein(args)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let first = try String(contentsOf: out, encoding: .utf8)
        #expect(first.contains("attr.name=\"organisation\"") && first.contains("lead nurse"))
        _ = try CommandRunner.skein(args)
        #expect(try String(contentsOf: out, encoding: .utf8) == first)
        let stats = try CommandRunner.skein(["network", "stats", out.path, "--json"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(o["nodes"] as? Int == 240)
        let bad = try CommandRunner.skein(["network", "generate", "erdos-renyi", "--param", "n=10", "--param", "p=1.5", "-o", out.path])
        #expect(bad.status != 0 && bad.stderr.contains("p = 1.5 is invalid; expected a probability in [0, 1]"))
        let typo = try CommandRunner.skein(["network", "generate", "watts-strogatz", "--param", "n=10", "--param", "kk=2", "--param", "p=0.1", "-o", out.path])
        #expect(typo.status != 0 && typo.stderr.contains("unknown parameter \"kk\""))
        let list = try CommandRunner.skein(["network", "generate", "--list"])
        #expect(list.status == 0 && list.stdout.contains("lfr:") && list.stdout.contains("organisation:"))
    }
}
