import NumericCore

/// Commitment dynamics — "sustaining the spark": each agent's commitment c ∈ [0, 1] decays at
/// rate δ per step, is reinforced by the share of its influencers who are active (rate α, scaled
/// by the room left, 1 − c), jumps at events (meetings, sprints: an event's `boost`) for those who
/// attend, and moves with Gaussian noise σ. An agent becomes active (adopts) when c reaches its
/// activation τ — lowered for the trained, τ · threshold factor — and drops out (lapses) when it
/// falls below τ_out < τ: the hysteresis of real commitment.
///
/// Replicate by replicate it takes every intervention (tie-building events, training, turnover,
/// removal); where the interventions only boost commitment, all replicates run together as one
/// n × R matrix (`CommitmentMatrix`) with the same draws, so both kernels give the same bits.
public struct CommitmentDynamics: DiffusionModel {
    public static let name = "commitment"
    /// δ: share of commitment lost per step without support.
    public var decay: Double
    /// α: pull towards full commitment per unit share of active influencers.
    public var reinforcement: Double
    /// τ: commitment at which an agent becomes active.
    public var activation: Double
    /// τ_out: commitment below which an active agent drops out.
    public var dropout: Double
    /// σ: standard deviation of the per-step noise (0: none).
    public var noise: Double
    /// Commitment of seeds at step 0, and of everyone else.
    public var seedCommitment: Double
    public var baseCommitment: Double
    public var useWeights: Bool

    public init(decay: Double, reinforcement: Double, activation: Double = 0.5, dropout: Double = 0.2, noise: Double = 0,
                seedCommitment: Double = 1, baseCommitment: Double = 0, useWeights: Bool = false) {
        self.decay = decay
        self.reinforcement = reinforcement
        self.activation = activation
        self.dropout = dropout
        self.noise = noise
        self.seedCommitment = seedCommitment
        self.baseCommitment = baseCommitment
        self.useWeights = useWeights
    }

    public func validate(_ population: Population) throws {
        try SimulationError.probability("commitment decay δ", decay)
        try SimulationError.nonNegative("commitment reinforcement α", reinforcement)
        try SimulationError.probability("commitment activation τ", activation)
        guard dropout >= 0, dropout <= activation else {
            throw SimulationError.outOfRange(parameter: "commitment dropout τ_out", value: dropout, allowed: "[0, τ = \(activation)]")
        }
        try SimulationError.nonNegative("commitment noise σ", noise)
        try SimulationError.probability("commitment of seeds", seedCommitment)
        try SimulationError.probability("base commitment", baseCommitment)
        if useWeights && population.weights == nil {
            throw SimulationError.unsupported("commitment with weights needs a weighted network")
        }
    }

    /// Ties added by events count as influencers; training lowers the activation threshold;
    /// newcomers start at the base commitment; boosts raise commitment.
    public static var interventionSupport: InterventionSupport { [.addedTies, .training, .departures, .commitment] }
    public static var tracksCommitment: Bool { true }
    public static var outcome: ModelOutcome { .commitment }

    public struct Workspace {
        /// The influence matrix W: row v averages v's influencers.
        let influence: SparseMatrix<Double>
        /// Each agent's activation threshold (τ, scaled for the trained).
        var activation: [Double]
        var normals: [Double]
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        return Workspace(influence: population.influenceMatrix(useWeights: useWeights),
                         activation: [Double](repeating: activation, count: population.count),
                         normals: [Double](repeating: 0, count: population.count))
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        r.boostsEveryone = true
        r.agents.commitment.withUnsafeMutableBufferPointer { $0.update(repeating: baseCommitment) }
    }

    /// Trained agents' thresholds back to τ for the next replicate.
    public func finish(_ r: inout Replicate, _ w: inout Workspace) {
        for v in r.interventionTouched { w.activation[Int(v)] = activation }
    }

    /// Seeds start with the seeds' commitment and activate when step 0 settles.
    public func seed(_ r: inout Replicate, _ w: inout Workspace, agent v: Int) {
        r.agents.commitment[v] = seedCommitment
    }

    /// Decay and reinforcement from the activity the last step settled on.
    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let keep = 1 - decay, alpha = reinforcement, n = r.population.count
        w.influence.csrRowOffsets.withUnsafeBufferPointer { offsets in
        w.influence.csrColumnIndices.withUnsafeBufferPointer { columns in
        w.influence.csrValues.withUnsafeBufferPointer { weights in
            for v in 0..<n where !r.agents.isRemoved(v) {
                let share = r.practisingShare(of: v, offsets: offsets, columns: columns, weights: weights, inDegree: r.population.inDegree[v])
                let c = r.agents.commitment[v]
                r.agents.commitment[v] = min(1, max(0, keep * c + alpha * share * (1 - c)))
            }
        }
        }
        }
        return true
    }

    /// After the step's boosts: noise, then activation and dropout with hysteresis.
    public func settle(_ r: inout Replicate, _ w: inout Workspace, at t: Int) {
        let n = r.population.count
        if noise > 0 && t > 0 {
            w.normals.withUnsafeMutableBufferPointer { r.rng.fillNormal($0) }
            for v in 0..<n where !r.agents.isRemoved(v) {
                r.agents.commitment[v] = min(1, max(0, r.agents.commitment[v] + noise * w.normals[v]))
            }
        }
        var sum = 0.0
        let time = Double(t)
        for v in 0..<n {
            let state = r.agents.state[v]
            if state == AdoptionState.removed.rawValue { continue }
            let c = r.agents.commitment[v]
            if state != AdoptionState.adopted.rawValue && c >= w.activation[v] {
                r.adopt(v, at: time)
            } else if state == AdoptionState.adopted.rawValue && c < dropout {
                r.lapse(v)
            } else if state == AdoptionState.unaware.rawValue && c > 0 {
                r.makeAware(v)
            } else if state == AdoptionState.aware.rawValue && !(c > 0) {
                r.makeUnaware(v)
            }
            sum += c
        }
        r.trackedCommitment = sum
    }

    public func trained(_ r: inout Replicate, _ w: inout Workspace, agent u: Int, factor: Double) {
        w.activation[u] = activation * factor
    }

    public func arrived(_ r: inout Replicate, _ w: inout Workspace, agent u: Int) {
        r.agents.commitment[u] = baseCommitment
        w.activation[u] = activation
    }

    /// All replicates as one matrix where the interventions only boost commitment.
    public func batchedKernel(for ensemble: Ensemble, on population: Population) -> (any BatchedKernel)? {
        guard ensemble.waning == nil,
              ensemble.interventions.allSatisfy({ ($0 as? NetworkEvent)?.onlyBoosts ?? false }) else { return nil }
        return CommitmentMatrix(model: self)
    }
}

extension CommitmentDynamics: CatalogModel {
    public static let summary = "commitment that decays, is reinforced by active contacts and boosted at meetings; active above τ, out below τ_out"
    public static let parameters = [
        CatalogParameter("decay", .probability, required: true, "δ: share of commitment lost per step"),
        CatalogParameter("reinforcement", .nonNegative, required: true, "α: pull per unit share of active contacts"),
        CatalogParameter("activation", .probability, default: "0.5", "τ: commitment at which an agent becomes active"),
        CatalogParameter("dropout", .probability, default: "0.2", "τ_out: commitment below which an active agent drops out (≤ τ)"),
        CatalogParameter("noise", .nonNegative, default: "0", "σ: standard deviation of the per-step noise"),
        CatalogParameter("seed_commitment", .probability, default: "1", "commitment of the seeds at step 0"),
        CatalogParameter("base_commitment", .probability, default: "0", "commitment of everyone else at step 0"),
        CatalogParameter("weights", .flag, default: "false", "influence in proportion to tie weights"),
    ]

    public init(parameters: CatalogValues) throws {
        self.init(decay: try parameters.requiredNumber("decay"), reinforcement: try parameters.requiredNumber("reinforcement"),
                  activation: parameters.number("activation", default: 0.5), dropout: parameters.number("dropout", default: 0.2),
                  noise: parameters.number("noise", default: 0), seedCommitment: parameters.number("seed_commitment", default: 1),
                  baseCommitment: parameters.number("base_commitment", default: 0), useWeights: parameters.flag("weights"))
        if dropout > activation {
            throw SimulationError.outOfRange(parameter: "commitment dropout τ_out", value: dropout, allowed: "[0, τ = \(activation)]")
        }
    }
}
