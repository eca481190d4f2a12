import Graphs
import NumericCore

/// How the first adopters (champions) are chosen.
///
/// Ranking strategies pick the same agents in every replicate; `random` and `attribute` draw per
/// replicate from the `.seeding` stream, so replicates differ but a seed fixes them all. Ties in a
/// ranking go to the lower node id.
public enum SeedingStrategy: Sendable, Equatable {
    /// Uniformly at random.
    case random(count: Int)
    /// Most connected (degree; out-degree when directed).
    case degree(count: Int)
    /// Highest betweenness: the brokers (exact up to 5 000 nodes, else from 500 sampled sources).
    case betweenness(count: Int)
    case pagerank(count: Int)
    /// Deepest k-core first, by degree within a core.
    case kcore(count: Int)
    /// The best-connected member of each of the `count` largest Leiden communities.
    case onePerCommunity(count: Int)
    /// Boundary spanners: lowest Burt constraint among agents with two or more contacts.
    case brokerage(count: Int)
    /// Random agents whose attribute takes one of `values` (e.g. role = lead nurse); all of them when count is nil.
    case attribute(name: String, values: [String], count: Int?)
    /// Named agents (labels as in the network file).
    case nodes([String])
    /// Greedy influence maximisation for independent cascade (CELF with Monte Carlo spread), for small networks.
    case influenceMaximisation(count: Int, probability: Double, simulations: Int)
    /// IMM (reverse influence sampling) for independent cascade: within (1 − 1/e − ε) of the best
    /// spread with high probability, on networks of millions.
    case reverseInfluenceSampling(count: Int, probability: Double, epsilon: Double)

    /// The strategy's name in scenario files and outputs.
    public var name: String {
        switch self {
        case .random: "random"
        case .degree: "degree"
        case .betweenness: "betweenness"
        case .pagerank: "pagerank"
        case .kcore: "kcore"
        case .onePerCommunity: "community"
        case .brokerage: "brokerage"
        case .attribute: "attribute"
        case .nodes: "nodes"
        case .influenceMaximisation: "influence-maximisation"
        case .reverseInfluenceSampling: "imm"
        }
    }

    /// Seeds decided once for all replicates, or drawn per replicate from a pool.
    public enum Prepared: Sendable {
        case fixed([Int])
        /// `count` agents drawn from `pool`, or from everyone when the pool is nil.
        case sample(pool: [Int]?, population: Int, count: Int)

        /// The seeds of one replicate.
        public func seeds(seed: UInt64, replicate: Int) -> [Int] {
            var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(replicate), purpose: .seeding)
            return draw(using: &rng)
        }

        /// The fixed list, or a fresh draw from `rng` (interventions draw from their own stream).
        public func draw(using rng: inout Xoshiro256PlusPlus) -> [Int] {
            switch self {
            case let .fixed(list): return list
            case let .sample(pool, population, count):
                let drawn = rng.sampleWithoutReplacement(count, from: pool?.count ?? population)
                return pool.map { pool in drawn.map { pool[$0] } } ?? drawn
            }
        }
    }

    /// Checks the request against the network and ranks or pools the candidates; errors name the
    /// parameter (a seed set larger than the network, an unknown attribute or value or node).
    public func prepare(_ population: Population, seed: UInt64 = 0) throws -> Prepared {
        let n = population.count
        let graph = population.graph
        func check(_ count: Int, of available: Int = n) throws {
            guard count >= 0 else { throw SimulationError.outOfRange(parameter: "seed count", value: Double(count), allowed: "≥ 0") }
            guard count <= available else { throw SimulationError.tooManySeeds(requested: count, nodes: available) }
        }
        func top(_ scores: [Double], _ count: Int, ascending: Bool = false, eligible: (Int) -> Bool = { _ in true }) -> [Int] {
            let candidates = (0..<n).filter { eligible($0) && !scores[$0].isNaN }
            return Array(candidates.sorted {
                scores[$0] != scores[$1] ? (ascending ? scores[$0] < scores[$1] : scores[$0] > scores[$1]) : $0 < $1
            }.prefix(count))
        }
        let degrees = (0..<n).map { Double(population.offsets[$0 + 1] - population.offsets[$0]) }
        switch self {
        case let .random(count):
            try check(count)
            return .sample(pool: nil, population: n, count: count)
        case let .degree(count):
            try check(count)
            return .fixed(top(degrees, count))
        case let .betweenness(count):
            try check(count)
            let scores = Betweenness(sampleSize: n <= 5000 ? nil : 500, seed: seed).scores(graph)
            return .fixed(top(scores, count))
        case let .pagerank(count):
            try check(count)
            return .fixed(top(try PageRank().scores(graph), count))
        case let .kcore(count):
            try check(count)
            let cores = graph.coreNumbers()
            // Core number first, degree to break ties within a core.
            let maxDegree = (degrees.max() ?? 0) + 1
            return .fixed(top((0..<n).map { Double(cores[$0]) * maxDegree + degrees[$0] }, count))
        case let .onePerCommunity(count):
            try check(count)
            let partition = Leiden(seed: seed).communities(graph)
            let members = partition.members.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
            guard count <= members.count else {
                throw SimulationError.outOfRange(parameter: "community seed count", value: Double(count),
                                                 allowed: "at most the \(members.count) communities found")
            }
            return .fixed(members.prefix(count).map { group in group.max { degrees[$0] != degrees[$1] ? degrees[$0] < degrees[$1] : $0 > $1 }! })
        case let .brokerage(count):
            try check(count)
            let constraint = graph.structuralHoles().constraint
            let chosen = top(constraint, count, ascending: true) { degrees[$0] >= 2 }
            guard chosen.count == count else { throw SimulationError.tooManySeeds(requested: count, nodes: chosen.count) }
            return .fixed(chosen)
        case let .attribute(name, values, count):
            let pool = try population.members(name, in: values)
            if let count {
                try check(count, of: pool.count)
                return .sample(pool: pool, population: n, count: count)
            }
            return .fixed(pool)
        case let .nodes(labels):
            return .fixed(try labels.map { label in
                guard let v = graph.nodes.id(of: label) else {
                    throw SimulationError.unknownValue(attribute: "node", value: label, available: [])
                }
                return v
            })
        case let .influenceMaximisation(count, probability, simulations):
            try check(count)
            try SimulationError.probability("influence-maximisation probability", probability)
            guard simulations >= 1 else {
                throw SimulationError.outOfRange(parameter: "influence-maximisation simulations", value: Double(simulations), allowed: "≥ 1")
            }
            return .fixed(InfluenceMaximisation.celf(population, count: count, probability: probability, simulations: simulations, seed: seed))
        case let .reverseInfluenceSampling(count, probability, epsilon):
            try check(count)
            try SimulationError.probability("imm probability", probability)
            guard epsilon > 0, epsilon < 1 else { throw SimulationError.outOfRange(parameter: "imm ε", value: epsilon, allowed: "(0, 1)") }
            return .fixed(ReverseInfluenceSampling.imm(population, count: count, probability: probability, epsilon: epsilon, seed: seed))
        }
    }
}
