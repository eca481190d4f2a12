import Foundation
import NumericCore
import Testing
import TestSupport
@testable import Graphs

/// Generators against closed forms (exact edge counts, lattice clustering) and expected values
/// with stated sampling tolerances (five standard deviations, so a correct generator fails
/// about once in three million runs; the seeds are fixed, so a run never flickers).
@Suite("Network generators")
struct GeneratorTests {
    func degrees(_ g: Graph) -> [Int] { (0..<g.nodeCount).map { g.degree(of: $0) } }

    @Test("G(n, p): edge count within 5 SD of its binomial mean, undirected and directed; p = 1 is complete")
    func erdosRenyi() throws {
        let n = 2000, p = 0.005
        let g = try ErdosRenyi(n: n, p: p).generate(seed: 1)
        let pairs = Double(n * (n - 1) / 2)
        #expect(abs(Double(g.edgeCount) - pairs * p) < 5 * (pairs * p * (1 - p)).squareRoot())
        let d = try ErdosRenyi(n: n, p: p, directed: true).generate(seed: 1)
        #expect(d.isDirected && abs(Double(d.edgeCount) - 2 * pairs * p) < 5 * (2 * pairs * p * (1 - p)).squareRoot())
        let complete = try ErdosRenyi(n: 30, p: 1).generate(seed: 2)
        #expect(complete.edgeCount == 435 && degrees(complete).allSatisfy { $0 == 29 })
        #expect(try ErdosRenyi(n: 30, p: 0).generate(seed: 2).edgeCount == 0)
        // Every pair is equally likely: over many draws each of the 10 pairs of K5 appears ~p of the time.
        var counts = [Int](repeating: 0, count: 25)
        for r in 0..<4000 {
            let small = try ErdosRenyi(n: 5, p: 0.3).generate(seed: 9, replicate: UInt64(r))
            for u in 0..<5 { for v in small.neighbours(of: u) where Int(v) > u { counts[u * 5 + Int(v)] += 1 } }
        }
        let sd = (4000 * 0.3 * 0.7).squareRoot()
        for u in 0..<5 { for v in (u + 1)..<5 { #expect(abs(Double(counts[u * 5 + v]) - 1200) < 5 * sd) } }
    }

    @Test("G(n, m): exactly m distinct edges")
    func gnm() throws {
        let g = try RandomEdgeCount(n: 500, m: 3000).generate(seed: 3)
        #expect(g.edgeCount == 3000 && g.selfLoopCount == 0)
        #expect(try RandomEdgeCount(n: 20, m: 190).generate(seed: 3).edgeCount == 190)
        #expect(try RandomEdgeCount(n: 20, m: 300, directed: true).generate(seed: 3).edgeCount == 300)
    }

    @Test("Watts–Strogatz: p = 0 is the ring lattice with clustering 3(k−2)/(4(k−1)); rewiring keeps nk/2 edges")
    func wattsStrogatz() throws {
        let lattice = try WattsStrogatz(n: 100, k: 6, p: 0).generate(seed: 4)
        #expect(lattice.edgeCount == 300 && degrees(lattice).allSatisfy { $0 == 6 })
        #expect(abs(lattice.clustering().average - 3.0 * 4 / (4 * 5)) < 1e-12)
        let rewired = try WattsStrogatz(n: 1000, k: 10, p: 0.1).generate(seed: 4)
        #expect(rewired.edgeCount == 5000)
        // Rewiring a fraction p of ties lowers clustering to about C(0)(1 − p)³ (Barrat & Weigt 2000).
        #expect(abs(rewired.clustering().average - 0.6667 * 0.729) < 0.03)
    }

    @Test("Barabási–Albert: m(n − m) edges as networkx, minimum degree m, hubs")
    func barabasiAlbert() throws {
        let g = try BarabasiAlbert(n: 10000, m: 3).generate(seed: 5)
        #expect(g.edgeCount == 3 * (10000 - 3))
        let d = degrees(g)
        #expect(d.min() == 3 && d.max()! > 100)
        // Degree exponent ≈ 3: the share of nodes with degree ≥ 2m is about (m / 2m)² · … ≈ 0.2–0.3.
        let share = Double(d.filter { $0 >= 6 }.count) / Double(d.count)
        #expect(share > 0.15 && share < 0.35)
    }

    @Test("configuration model: keeps a given degree sequence up to erased loops and repeats; power-law variant respects bounds")
    func configuration() throws {
        let regular = [Int](repeating: 4, count: 1000)
        let g = try ConfigurationModel(degrees: .given(regular)).generate(seed: 6)
        let d = degrees(g)
        #expect(d.allSatisfy { $0 <= 4 } && Double(d.reduce(0, +)) > 0.99 * 4000)
        let law = try ConfigurationModel(degrees: .powerLaw(n: 5000, exponent: 2.5, minimum: 2, maximum: 70)).generate(seed: 6)
        #expect(degrees(law).max()! <= 70 && law.nodeCount == 5000)
        #expect(Double(degrees(law).filter { $0 >= 2 }.count) > 0.97 * 5000)
    }

    @Test("stochastic block model: within- and between-block densities within 5 SD")
    func sbm() throws {
        let model = StochasticBlockModel(sizes: [300, 200], probabilities: [[0.05, 0.005], [0.005, 0.08]])
        let g = try model.generate(seed: 7)
        guard case let .categorical(codes, _)? = g.nodes[attribute: "block"] else { Issue.record("no block attribute"); return }
        var counts = [0, 0, 0]
        for u in 0..<g.nodeCount { for v in g.neighbours(of: u) where Int(v) > u {
            counts[codes[u] == codes[Int(v)] ? Int(codes[u]) : 2] += 1
        } }
        for (k, pairs, p) in [(0, 300.0 * 299 / 2, 0.05), (1, 200.0 * 199 / 2, 0.08), (2, 300.0 * 200, 0.005)] {
            #expect(abs(Double(counts[k]) - pairs * p) < 5 * (pairs * p * (1 - p)).squareRoot())
        }
    }

    @Test("LFR: realised mixing within 0.03 of μ, community sizes within bounds, mean degree within 10%")
    func lfr() throws {
        for mu in [0.1, 0.3] {
            let g = try LFRBenchmark(n: 3000, mu: mu, averageDegree: 12, maxDegree: 60, minCommunity: 20, maxCommunity: 150).generate(seed: 8)
            guard case let .categorical(codes, levels)? = g.nodes[attribute: "community"] else { Issue.record("no community"); return }
            var external = 0
            for u in 0..<g.nodeCount { for v in g.neighbours(of: u) where Int(v) > u && codes[u] != codes[Int(v)] { external += 1 } }
            #expect(abs(Double(external) / Double(g.edgeCount) - mu) < 0.03)
            var sizes = [Int](repeating: 0, count: levels.count)
            for c in codes { sizes[Int(c)] += 1 }
            #expect(sizes.allSatisfy { $0 >= 20 && $0 <= 150 })
            #expect(abs(2 * Double(g.edgeCount) / 3000 - 12) < 1.2)
            // Louvain should find the planted structure at low mixing.
            if mu == 0.1 {
                #expect(g.modularity(Louvain(seed: 1).communities(g)) > 0.75)
            }
        }
    }

    @Test("organisation: attributes on every node, leaders per organisation tied across, tie densities by level")
    func organisation() throws {
        var model = OrganisationNetwork(organisations: 5, teams: 4, teamSize: 12, pTeam: 0.6, pOrganisation: 0.03, pAcross: 0.002,
                                        professionAffinity: 1, leaders: ["nurse", "doctor", "manager"], pLeaders: 1, pLeaderLocal: 0)
        model.organisationNames = ["North", "South", "East", "West", "Central"]
        let g = try model.generate(seed: 9)
        #expect(g.nodeCount == 240)
        for name in ["organisation", "team", "profession", "role"] {
            guard case let .categorical(codes, _)? = g.nodes[attribute: name] else { Issue.record("missing \(name)"); continue }
            #expect(codes.allSatisfy { $0 >= 0 })
        }
        guard case let .categorical(roles, roleLevels)? = g.nodes[attribute: "role"],
              case let .categorical(orgs, orgLevels)? = g.nodes[attribute: "organisation"] else { return }
        #expect(orgLevels == ["North", "South", "East", "West", "Central"])
        #expect(roleLevels == ["staff", "lead nurse", "lead doctor", "lead manager"])
        let leaders = (0..<240).filter { roles[$0] > 0 }
        #expect(leaders.count == 15)
        // p_leaders = 1: every pair of leaders is tied (across organisations, and within by construction).
        for a in leaders { for b in leaders where a < b { #expect(g.hasEdge(a, b)) } }
        // Relation layers partition the ties by level.
        let team = try #require(g.layer("team")), across = try #require(g.layer("across"))
        let teamPairs = Double(20 * 12 * 11 / 2)
        #expect(abs(Double(team.edgeCount) - teamPairs * 0.6) < 5 * (teamPairs * 0.24).squareRoot())
        for u in 0..<240 { for v in across.neighbours(of: u) { #expect(orgs[u] != orgs[Int(v)]) } }
        #expect(g.relationNames == OrganisationNetwork.relations)
    }

    @Test("same seed, same graph; another seed or replicate, another graph")
    func reproducible() throws {
        let models: [any NetworkGenerator] = [
            ErdosRenyi(n: 300, p: 0.02), WattsStrogatz(n: 300, k: 4, p: 0.2), BarabasiAlbert(n: 300, m: 2),
            LFRBenchmark(n: 300, mu: 0.2, averageDegree: 8, maxDegree: 30, minCommunity: 15, maxCommunity: 60),
            OrganisationNetwork(leaders: ["nurse"]),
        ]
        for model in models {
            let a = try model.generate(seed: 11), b = try model.generate(seed: 11), c = try model.generate(seed: 12)
            let r = try model.generate(seed: 11, replicate: 1)
            #expect(a.csrTargets == b.csrTargets && a.csrOffsets == b.csrOffsets && a.nodes == b.nodes)
            #expect(a.csrTargets != c.csrTargets && a.csrTargets != r.csrTargets)
        }
    }

    @Test("memory: at most 12 bytes per stored adjacency entry (plus weights) on a generated graph")
    func memory() throws {
        let g = try BarabasiAlbert(n: 100_000, m: 5).generate(seed: 1)
        #expect(Double(g.adjacencyBytes) / Double(g.csrTargets.count) <= 12)
    }

    @Test("parameters: typed errors naming the parameter and range, with did-you-mean hints")
    func parameterErrors() throws {
        #expect(throws: GeneratorError.invalidValue(model: "erdos-renyi", name: "p", value: "1.5", expected: "a probability in [0, 1]")) {
            try GeneratorCatalog.make(model: "erdos-renyi", assignments: ["n=10", "p=1.5"])
        }
        #expect(throws: GeneratorError.unknownParameter(model: "barabasi-albert", name: "nodes", suggestion: nil)) {
            try GeneratorCatalog.make(model: "ba", assignments: ["n=10", "m=2", "nodes=3"])
        }
        #expect(throws: GeneratorError.unknownParameter(model: "lfr", name: "mu_", suggestion: "mu")) {
            try GeneratorCatalog.make(model: "lfr", assignments: ["n=100", "mu_=0.2"])
        }
        #expect(throws: GeneratorError.missingParameter(model: "watts-strogatz", name: "k")) {
            try GeneratorCatalog.make(model: "watts-strogatz", assignments: ["n=10", "p=0.1"])
        }
        do {
            _ = try GeneratorCatalog.make(model: "barabsi-albert", parameters: [:])
            Issue.record("expected an error")
        } catch let error as GeneratorError {
            #expect(error.description.contains("did you mean \"barabasi-albert\""))
        }
        #expect(throws: GeneratorError.self) { try GeneratorCatalog.make(model: "organisation", assignments: ["leaders=nurse,surgeon"]) }
        #expect(throws: GeneratorError.self) { try GeneratorCatalog.make(model: "sbm", assignments: ["sizes=10,10", "probabilities=0.1,0.2;0.3,0.1"]) }
    }
}
