import NumericCore

/// Commitment that wanes, for any adoption model: an agent who takes up the practice starts with
/// commitment `initial`; each step it decays by δ and is pulled up by the share of its
/// influencers who practise (α · share · (1 − c)); meetings and sprints boost it (an event's
/// `boost`); when it falls below `dropout` the agent drops the practice (lapses). The model still
/// decides who adopts; this decides who keeps practising ("training isn't doing", "sustaining
/// the spark").
///
/// Only practitioners carry commitment, so a step costs the practitioners' in-ties, not the
/// network's, and a run without it pays nothing.
public struct WaningCommitment: Sendable, Equatable {
    /// δ: share of commitment lost per step without support.
    public var decay: Double
    /// α: pull towards full commitment per unit share of practising influencers.
    public var reinforcement: Double
    /// τ_out: commitment below which a practitioner drops the practice.
    public var dropout: Double
    /// Commitment on taking the practice up.
    public var initial: Double

    public init(decay: Double, reinforcement: Double = 0, dropout: Double = 0.2, initial: Double = 1) {
        self.decay = decay
        self.reinforcement = reinforcement
        self.dropout = dropout
        self.initial = initial
    }

    public func validate() throws {
        try SimulationError.probability("commitment decay δ", decay)
        try SimulationError.nonNegative("commitment reinforcement α", reinforcement)
        try SimulationError.probability("commitment on adopting", initial)
        guard dropout >= 0, dropout < initial || (dropout == 0 && initial == 0) else {
            throw SimulationError.outOfRange(parameter: "commitment dropout τ_out", value: dropout,
                                             allowed: "[0, commitment on adopting = \(initial))")
        }
    }

    /// Decay and reinforcement of every practitioner, before the model's step (commitment as the
    /// last step left it).
    func wane(_ r: inout Replicate, influence: SparseMatrix<Double>) {
        let keep = 1 - decay, alpha = reinforcement
        influence.csrRowOffsets.withUnsafeBufferPointer { offsets in
        influence.csrColumnIndices.withUnsafeBufferPointer { columns in
        influence.csrValues.withUnsafeBufferPointer { weights in
            for i in r.touched.indices {
                let v = Int(r.touched[i])
                guard r.agents.isAdopted(v) else { continue }
                let share = alpha > 0 ? r.practisingShare(of: v, offsets: offsets, columns: columns, weights: weights,
                                                          inDegree: r.population.inDegree[v]) : 0
                let c = r.agents.commitment[v]
                r.agents.commitment[v] = min(1, max(0, keep * c + alpha * share * (1 - c)))
            }
        }
        }
        }
    }

    /// After the step's dynamics and interventions: new practitioners start at `initial` (or what
    /// a boost already gave them), those below `dropout` lapse, and the step's Σ commitment is kept.
    func settle(_ r: inout Replicate) {
        // `recent` holds this step's adopters (seeds and event adopters included).
        for v32 in r.recent where r.agents.isAdopted(Int(v32)) {
            r.agents.commitment[Int(v32)] = max(r.agents.commitment[Int(v32)], initial)
        }
        var sum = 0.0
        for i in r.touched.indices {
            let v = Int(r.touched[i])
            if r.agents.isAdopted(v) {
                if r.agents.commitment[v] < dropout {
                    r.lapse(v)
                    r.agents.commitment[v] = 0
                } else {
                    sum += r.agents.commitment[v]
                }
            } else {
                r.agents.commitment[v] = 0
            }
        }
        r.trackedCommitment = sum
    }
}
