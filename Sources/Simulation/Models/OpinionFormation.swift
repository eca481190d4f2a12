import NumericCore

/// Opinion formation on the one engine — DeGroot and Friedkin–Johnsen for scenarios: each agent's
/// opinion x ∈ [0, 1] moves to x ← λ·(mean of its influencers' opinions) + (1 − λ)·x(0), λ its
/// susceptibility (1: DeGroot's pure averaging; below 1, anchored to where it started). Seeds are
/// advocates who start at `seedOpinion`; meetings' `boost` persuades attendees; ties events add
/// count as influencers. Someone whose opinion is at least `holds` counts as holding the view
/// (state adopted), so reach, breakdowns and reports read as for the adoption models, and the
/// `commitment` measure is the mean opinion.
///
/// The same recursion as `OpinionDynamics` (the batched n × R form for benchmarks and the library);
/// without seeds or interventions both give the same opinions (tested).
public struct OpinionFormation: DiffusionModel {
    public static let name = "opinion-dynamics"

    public enum Start: Sendable, Equatable {
        /// Uniform on [0, 1) per agent and replicate.
        case uniform
        /// Everyone (but the seeds) at this opinion.
        case fixed(Double)
    }

    public var susceptibility: Double
    public var start: Start
    public var seedOpinion: Double
    public var holds: Double
    public var useWeights: Bool

    public init(susceptibility: Double = 1, start: Start = .uniform, seedOpinion: Double = 1, holds: Double = 0.5, useWeights: Bool = false) {
        self.susceptibility = susceptibility
        self.start = start
        self.seedOpinion = seedOpinion
        self.holds = holds
        self.useWeights = useWeights
    }

    public func validate(_ population: Population) throws {
        try SimulationError.probability("opinion susceptibility λ", susceptibility)
        if case let .fixed(x) = start { try SimulationError.probability("initial opinion", x) }
        try SimulationError.probability("opinion of seeds", seedOpinion)
        try SimulationError.probability("opinion that counts as holding the view", holds)
        if useWeights && population.weights == nil {
            throw SimulationError.unsupported("opinion-dynamics with weights needs a weighted network")
        }
    }

    /// Added ties are influencers; boosts persuade. Opinions have no threshold to train, and a
    /// departed agent's opinion would still be averaged in, so training and departures are refused.
    public static var interventionSupport: InterventionSupport { [.addedTies, .commitment] }
    public static var tracksCommitment: Bool { true }
    public static var outcome: ModelOutcome { .opinion }

    public struct Workspace {
        /// The influence matrix W: row v averages v's influencers.
        let influence: SparseMatrix<Double>
        /// Opinions at step 0 (the anchor), and the next step's.
        var anchor: [Double]
        var next: [Double]
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        return Workspace(influence: population.influenceMatrix(useWeights: useWeights),
                         anchor: [Double](repeating: 0, count: population.count), next: [Double](repeating: 0, count: population.count))
    }

    /// Initial opinions from the replicate's dynamics stream, as `OpinionDynamics` draws them.
    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        r.boostsEveryone = true
        for v in 0..<r.population.count {
            switch start {
            case .uniform: r.agents.commitment[v] = r.rng.nextUnitDouble()
            case let .fixed(x): r.agents.commitment[v] = x
            }
        }
    }

    public func seed(_ r: inout Replicate, _ w: inout Workspace, agent v: Int) {
        r.agents.commitment[v] = seedOpinion
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let n = r.population.count, lambda = susceptibility, keep = 1 - susceptibility
        let offsets = w.influence.csrRowOffsets, columns = w.influence.csrColumnIndices, weights = w.influence.csrValues
        for v in 0..<n {
            var sum = 0.0
            for p in offsets[v]..<offsets[v + 1] { sum += weights[p] * r.agents.commitment[Int(columns[p])] }
            var added = 0, addedSum = 0.0
            if !r.overlay.isEmpty {
                for u in r.overlay.liveTargets(from: v, at: t) {
                    added += 1
                    addedSum += r.agents.commitment[u]
                }
            }
            let degree = Double(r.population.inDegree[v])
            if degree == 0 && added == 0 {
                w.next[v] = r.agents.commitment[v]  // no influencers: holds its opinion
                continue
            }
            let mean = added == 0 ? sum : (sum * degree + addedSum) / (degree + Double(added))
            w.next[v] = lambda * mean + keep * w.anchor[v]
        }
        swap(&r.agents.commitment, &w.next)
        return true
    }

    /// Who holds the view after the step's persuasion; at step 0 the anchor is taken.
    public func settle(_ r: inout Replicate, _ w: inout Workspace, at t: Int) {
        let n = r.population.count
        if t == 0 { for v in 0..<n { w.anchor[v] = r.agents.commitment[v] } }
        var sum = 0.0
        let time = Double(t)
        for v in 0..<n {
            let x = r.agents.commitment[v], state = r.agents.state[v]
            if x >= holds {
                if state != AdoptionState.adopted.rawValue { r.adopt(v, at: time) }
            } else if state == AdoptionState.adopted.rawValue {
                r.lapse(v)
            } else if state == AdoptionState.unaware.rawValue && x > 0 {
                r.makeAware(v)
            }
            sum += x
        }
        r.trackedCommitment = sum
    }
}

extension OpinionFormation: CatalogModel {
    public static let summary = "DeGroot / Friedkin–Johnsen opinions: each averages its influencers', anchored to its start by 1 − λ; at or above holds it holds the view"
    public static let parameters = [
        CatalogParameter("susceptibility", .probability, default: "1", "λ: weight on influencers' mean opinion (1: DeGroot; below 1: Friedkin–Johnsen)"),
        CatalogParameter("initial", .probabilityOrWord(["uniform"]), default: "uniform", "everyone's opinion at step 0, or uniform: drawn per agent and replicate"),
        CatalogParameter("seed_opinion", .probability, default: "1", "opinion of the seeds (advocates) at step 0"),
        CatalogParameter("holds", .probability, default: "0.5", "opinion at or above which someone counts as holding the view"),
        CatalogParameter("weights", .flag, default: "false", "influence in proportion to tie weights"),
    ]

    /// Everyone at 0 but the advocates, so who holds the view at step 0 is the seeds.
    public static var example: [String: ParameterValue] { ["initial": .number(0)] }

    public init(parameters p: CatalogValues) throws {
        let start: Start = p.number("initial").map { .fixed($0) } ?? .uniform
        self.init(susceptibility: p.number("susceptibility", default: 1), start: start, seedOpinion: p.number("seed_opinion", default: 1),
                  holds: p.number("holds", default: 0.5), useWeights: p.flag("weights"))
    }
}
