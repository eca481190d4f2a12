import NumericCore

/// Independent cascade (Kempe, Kleinberg & Tardos 2003): an agent who adopts at step t − 1 gets
/// one chance, at step t, to convert each unaware out-neighbour, succeeding with the arc's
/// probability. Ends when a step converts no one.
///
/// With a uniform probability the trials along an adopter's arcs are skipped geometrically, so a
/// step costs O(successes) rather than O(arcs): small cascades on big graphs cost next to nothing.
public struct IndependentCascade: DiffusionModel {
    public static let name = "independent-cascade"

    public enum Probability: Sendable, Equatable {
        /// The same p on every arc.
        case uniform(Double)
        /// The arc's weight is its probability (weights must lie in [0, 1]).
        case edgeWeights
        /// 1 / in-degree of the target (the "weighted cascade" of Kempe et al.).
        case weightedCascade
    }

    public var probability: Probability

    public init(probability: Probability) { self.probability = probability }
    public init(p: Double) { probability = .uniform(p) }

    public func validate(_ population: Population) throws {
        switch probability {
        case let .uniform(p): try SimulationError.probability("independent-cascade p", p)
        case .edgeWeights:
            guard let w = population.weights else { throw SimulationError.unsupported("independent-cascade with edge-weight probabilities needs a weighted network") }
            if let bad = w.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw SimulationError.outOfRange(parameter: "edge weight used as a probability", value: bad, allowed: "[0, 1]")
            }
        case .weightedCascade: break
        }
    }

    /// Ties added by interventions carry p (uniform), 1 / in-degree of the target (weighted
    /// cascade), or the network's mean arc weight (edge weights).
    public static var interventionSupport: InterventionSupport { [.addedTies, .departures] }

    public struct Workspace {
        var addedTieProbability = 0.0
        var trials = ArcTrials()
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        let w = population.weights ?? []
        return Workspace(addedTieProbability: w.isEmpty ? 0 : w.reduce(0, +) / Double(w.count))
    }

    public func begin(_ replicate: inout Replicate, _ workspace: inout Workspace) {}

    @inline(__always)
    func addedTieProbability(to u: Int, _ r: Replicate, _ w: Workspace) -> Double {
        switch probability {
        case let .uniform(p): return p
        case .weightedCascade: return 1 / Double(max(1, r.population.inDegree[u]))
        case .edgeWeights: return w.addedTieProbability
        }
    }

    public func tieAdded(_ r: inout Replicate, _ w: inout Workspace, from v: Int, to u: Int) {
        if r.agents.state[u] < AdoptionState.adopted.rawValue && r.rng.nextUnitDouble() < addedTieProbability(to: u, r, w) {
            r.adopt(u, at: Double(r.time), from: Int32(v))
        }
    }

    /// One trial along each live added tie of each frontier agent.
    @inline(__always)
    func pushAddedTies(_ r: inout Replicate, _ w: Workspace, frontier: [Int32], at time: Double) {
        let adopted = AdoptionState.adopted.rawValue
        for v in frontier {
            for u in r.overlay.liveTargets(from: Int(v), at: r.time) {
                if r.rng.nextUnitDouble() < addedTieProbability(to: u, r, w) && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
            }
        }
    }

    public func step(_ r: inout Replicate, _ workspace: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let time = Double(t)
        let population = r.population
        let adopted = AdoptionState.adopted.rawValue
        switch probability {
        case let .uniform(p):
            guard p > 0 else { return false }
            workspace.trials.draw(from: frontier, offsets: population.offsets, heads: population.targets,
                                  skip: GeometricSkip(probability: p), using: &r.rng)
            workspace.trials.sources.withUnsafeBufferPointer { sources in
            workspace.trials.targets.withUnsafeBufferPointer { targets in
                for i in sources.indices {
                    let u = Int(targets[i])
                    if r.agents.state[u] < adopted { r.adopt(u, at: time, from: sources[i]) }
                }
            }
            }
        case .edgeWeights, .weightedCascade:
            let weights = population.weights
            let cascade = probability == .weightedCascade
            for v in frontier {
                for p in population.offsets[Int(v)]..<population.offsets[Int(v) + 1] {
                    let u = Int(population.targets[p])
                    let q = cascade ? 1 / Double(max(1, population.inDegree[u])) : weights![p]
                    if r.rng.nextUnitDouble() < q && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
                }
            }
        }
        if !r.overlay.isEmpty { pushAddedTies(&r, workspace, frontier: frontier, at: time) }
        return !r.recent.isEmpty
    }
}

extension IndependentCascade: CatalogModel {
    public static let summary = "each new adopter gets one chance to convert each neighbour, with probability p"
    public static let parameters = [
        CatalogParameter("p", .probabilityOrWord(["weighted-cascade", "edge-weights"]), required: true,
                       "probability per tie and step; weighted-cascade: 1 / in-degree of the target; edge-weights: the tie's weight"),
    ]

    public init(parameters: CatalogValues) throws {
        switch try parameters.required("p") {
        case .word("weighted-cascade"): self.init(probability: .weightedCascade)
        case .word("edge-weights"): self.init(probability: .edgeWeights)
        default: self.init(p: try parameters.requiredNumber("p"))
        }
    }
}
