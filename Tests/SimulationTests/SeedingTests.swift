import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

@Suite("Seeding strategies")
struct SeedingTests {
    static let karate: Graph = {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Fixtures/networkx_karate_club")
        return try! GraphLoader.load(edges: folder.appendingPathComponent("edges.csv"), nodes: folder.appendingPathComponent("nodes.csv"))
    }()

    func labels(_ strategy: SeedingStrategy, replicate: Int = 0) throws -> [String] {
        let g = Self.karate
        return try strategy.prepare(Population(g), seed: 1).seeds(seed: 1, replicate: replicate).map { g.nodes.label($0) }
    }

    @Test("rankings: degree, PageRank, betweenness, k-core pick the karate club's leaders")
    func rankings() throws {
        // networkx: degree 33 (17), 0 (16), 32 (12); betweenness 0 then 33; PageRank 33 then 0.
        #expect(try labels(.degree(count: 3)) == ["33", "0", "32"])
        #expect(try labels(.betweenness(count: 2)) == ["0", "33"])
        #expect(try labels(.pagerank(count: 2)) == ["33", "0"])
        #expect(Set(try labels(.kcore(count: 2))) == ["33", "0"])
        #expect(try labels(.onePerCommunity(count: 3)).count == 3)
        #expect(try labels(.brokerage(count: 2)).count == 2)
    }

    @Test("random and attribute seeding differ by replicate, repeat for the same seed, and respect the filter")
    func sampled() throws {
        #expect(try labels(.random(count: 4), replicate: 0) == labels(.random(count: 4), replicate: 0))
        #expect(try labels(.random(count: 4), replicate: 0) != labels(.random(count: 4), replicate: 1))
        let officers = Set(try Population(Self.karate).members("club", in: ["Officer"]).map { Self.karate.nodes.label($0) })
        #expect(Set(try labels(.attribute(name: "club", values: ["Officer"], count: 5))).isSubset(of: officers))
        #expect(try labels(.attribute(name: "club", values: ["Officer"], count: nil)).count == officers.count)
    }

    @Test("greedy influence maximisation beats degree seeding in expected spread")
    func celf() throws {
        let population = Population(Self.karate)
        let ensemble = { (s: SeedingStrategy) in Ensemble(replicates: 3000, horizon: 40, seed: 5, seeding: s) }
        let greedy = try ensemble(.influenceMaximisation(count: 2, probability: 0.1, simulations: 500)).run(IndependentCascade(p: 0.1), on: population)
        let degree = try ensemble(.degree(count: 2)).run(IndependentCascade(p: 0.1), on: population)
        let g = SimulationFixtures.reachShare(greedy), d = SimulationFixtures.reachShare(degree)
        #expect(g.mean >= d.mean - 3 * (g.se + d.se))
    }

    @Test("IMM (reverse influence sampling): the hub of a star, and spread on the karate club matching CELF's")
    func imm() throws {
        var star = GraphBuilder()
        for leaf in 1...30 { star.addEdge("hub", "leaf\(leaf)") }
        let starGraph = try star.build()
        let chosen = try SeedingStrategy.reverseInfluenceSampling(count: 1, probability: 0.2, epsilon: 0.2).prepare(Population(starGraph), seed: 1)
        #expect(chosen.seeds(seed: 1, replicate: 0).map { starGraph.nodes.label($0) } == ["hub"])
        let population = Population(Self.karate)
        let ensemble = { (s: SeedingStrategy) in Ensemble(replicates: 3000, horizon: 40, seed: 5, seeding: s) }
        let imm = try ensemble(.reverseInfluenceSampling(count: 2, probability: 0.1, epsilon: 0.1)).run(IndependentCascade(p: 0.1), on: population)
        let celf = try ensemble(.influenceMaximisation(count: 2, probability: 0.1, simulations: 500)).run(IndependentCascade(p: 0.1), on: population)
        let a = SimulationFixtures.reachShare(imm), b = SimulationFixtures.reachShare(celf)
        #expect(a.mean >= b.mean - 3 * (a.se + b.se), "IMM \(a.mean) vs CELF \(b.mean)")
    }

    @Test("bad requests: too many seeds, unknown attribute, unknown value, unknown node")
    func errors() throws {
        let p = Population(Self.karate)
        #expect(throws: SimulationError.tooManySeeds(requested: 35, nodes: 34)) { try SeedingStrategy.degree(count: 35).prepare(p) }
        #expect(throws: SimulationError.self) { try SeedingStrategy.attribute(name: "trust", values: ["A"], count: 1).prepare(p) }
        #expect(throws: SimulationError.self) { try SeedingStrategy.attribute(name: "club", values: ["Chess"], count: 1).prepare(p) }
        #expect(throws: SimulationError.self) { try SeedingStrategy.nodes(["zz"]).prepare(p) }
    }
}
