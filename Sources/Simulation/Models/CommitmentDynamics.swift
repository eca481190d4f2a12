import NumericCore

/// Commitment dynamics — "sustaining the spark": each agent's commitment c ∈ [0, 1] decays at
/// rate δ per step, is reinforced by the share of its influencers who are active (rate α, scaled
/// by the room left, 1 − c), jumps at events (meetings, sprints) for those who attend, and moves
/// with Gaussian noise σ. An agent becomes active when c reaches τ and drops out (lapses) when it
/// falls below τ_out < τ: the hysteresis of real commitment.
///
/// All R replicates advance together as one n × R matrix: the social term is one sparse-times-
/// dense product W·A per step on the numeric core (A the 0/1 activity of every agent in every
/// replicate), the rest elementwise over contiguous rows. Replicate r's seeds and noise come from
/// its own streams, so results do not depend on the thread count.
public struct CommitmentDynamics: Sendable {
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
    /// Meetings and other events that raise attendees' commitment.
    public var events: [CommitmentEvent]
    public var useWeights: Bool

    public init(decay: Double, reinforcement: Double, activation: Double = 0.5, dropout: Double = 0.2, noise: Double = 0,
                seedCommitment: Double = 1, baseCommitment: Double = 0, events: [CommitmentEvent] = [], useWeights: Bool = false) {
        self.decay = decay
        self.reinforcement = reinforcement
        self.activation = activation
        self.dropout = dropout
        self.noise = noise
        self.seedCommitment = seedCommitment
        self.baseCommitment = baseCommitment
        self.events = events
        self.useWeights = useWeights
    }

    public func validate(_ population: Population, horizon: Int) throws {
        try SimulationError.probability("commitment decay δ", decay)
        try SimulationError.nonNegative("commitment reinforcement α", reinforcement)
        try SimulationError.probability("commitment activation τ", activation)
        guard dropout >= 0, dropout <= activation else {
            throw SimulationError.outOfRange(parameter: "commitment dropout τ_out", value: dropout, allowed: "[0, τ = \(activation)]")
        }
        try SimulationError.nonNegative("commitment noise σ", noise)
        try SimulationError.probability("commitment of seeds", seedCommitment)
        try SimulationError.probability("base commitment", baseCommitment)
        for event in events { try event.validate(population, horizon: horizon) }
    }
}

/// An event that raises commitment: a network meeting, a sprint, a conference; once or every
/// `every` steps from `time`.
public struct CommitmentEvent: Sendable, Equatable {
    public enum Attendees: Sendable, Equatable {
        /// Everyone.
        case everyone
        /// Those active at the time (the committed come to meetings).
        case active
        /// Members of these groups of a categorical attribute (role = lead nurse).
        case attribute(name: String, values: [String])
        /// Each agent independently with this probability (per replicate, per occurrence).
        case fraction(Double)
    }

    public var time: Int
    public var every: Int?
    public var boost: Double
    public var attendees: Attendees

    public init(time: Int, every: Int? = nil, boost: Double, attendees: Attendees = .everyone) {
        self.time = time
        self.every = every
        self.boost = boost
        self.attendees = attendees
    }

    func validate(_ population: Population, horizon: Int) throws {
        guard time >= 0, time <= horizon else { throw SimulationError.afterHorizon(what: "commitment event", time: Double(time), horizon: horizon) }
        if let every, every < 1 { throw SimulationError.outOfRange(parameter: "event interval", value: Double(every), allowed: "≥ 1 step") }
        try SimulationError.probability("event boost", boost)
        switch attendees {
        case let .attribute(name, values): _ = try population.members(name, in: values)
        case let .fraction(p): try SimulationError.probability("event attendance fraction", p)
        default: break
        }
    }

    func happens(at t: Int) -> Bool {
        guard t >= time else { return false }
        guard let every else { return t == time }
        return (t - time) % every == 0
    }
}

extension Ensemble {
    /// Runs commitment dynamics for all replicates at once (see `CommitmentDynamics`).
    public func run(_ model: CommitmentDynamics, on population: Population) throws -> EnsembleResult {
        guard replicates >= 1 else { throw SimulationError.outOfRange(parameter: "replicates", value: Double(replicates), allowed: "≥ 1") }
        try model.validate(population, horizon: horizon)
        let prepared = try preparedSeeding ?? seeding.prepare(population, seed: seed)
        let groupNames = breakdown ?? population.groupNames
        let groups = try groupNames.map { try population.group($0) }
        let n = population.count, R = replicates, steps = horizon + 1
        var result = EnsembleResult(replicates: R, horizon: horizon, population: n, groupNames: groupNames, groupLevels: groups.map(\.levels))
        let w = population.influenceMatrix(useWeights: model.useWeights)
        // n × R, row-major: row v holds agent v in every replicate, as SpMM wants.
        var commitment = Matrix<Double>(rows: n, columns: R, repeating: model.baseCommitment)
        var activity = Matrix<Double>(rows: n, columns: R)
        var social = Matrix<Double>(rows: n, columns: R)
        // Per cell: 0 never active, 1 active, 2 lapsed; first activation step (−1 never).
        var status = [UInt8](repeating: 0, count: n * R)
        var firstActive = [Int32](repeating: -1, count: n * R)
        for r in 0..<R {
            for v in prepared.seeds(seed: seed, replicate: r) {
                commitment[v, r] = model.seedCommitment
            }
        }
        var noiseStreams = (0..<R).map { Xoshiro256PlusPlus(seed: seed, replicate: UInt64($0), purpose: .dynamics) }
        var eventStreams = (0..<R).map { Xoshiro256PlusPlus(seed: seed, replicate: UInt64($0), purpose: .interventions) }
        let eventMembers: [[Int]?] = try model.events.map { event in
            if case let .attribute(name, values) = event.attendees { return try population.members(name, in: values) }
            return nil
        }
        var column = [Double](repeating: 0, count: n)

        // Where each group's counts start in result.groupCounts, and how wide one step's block is.
        let groupBase = result.groupBase
        let groupWidth = groups.map { $0.levels.count * AdoptionState.count }
        let S = AdoptionState.count
        // The step's tallies behind raw pointers: captured arrays mutated in the cell loop would cost a
        // dynamic exclusivity check per access (a third of the run time, measured with perf).
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: R * S)
        let reached = UnsafeMutableBufferPointer<Int>.allocate(capacity: R)
        let lapseCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: R)
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: R)
        // Each agent's level in every breakdown group, looked up once per agent rather than per replicate.
        let levels = UnsafeMutableBufferPointer<Int>.allocate(capacity: groups.count)
        lapseCounts.initialize(repeating: 0)
        defer {
            counts.deallocate()
            reached.deallocate()
            lapseCounts.deallocate()
            sums.deallocate()
            levels.deallocate()
        }

        /// Activation and dropout with hysteresis, then the step's counts. One pass over the n × R
        /// cells in memory order (agent-major); per-replicate tallies keep each replicate's sums in
        /// agent order, as a column-by-column pass would, so results do not change.
        func settle(_ t: Int) {
            counts.initialize(repeating: 0)
            reached.initialize(repeating: 0)
            sums.initialize(repeating: 0)
            commitment.withUnsafeBufferPointer { c in
            activity.withUnsafeMutableBufferPointer { a in
            status.withUnsafeMutableBufferPointer { st in
            firstActive.withUnsafeMutableBufferPointer { fa in
            result.groupCounts.withUnsafeMutableBufferPointer { gc in
                for v in 0..<n {
                    let row = v * R
                    for g in 0..<groups.count { levels[g] = Int(groups[g].codes[v]) }
                    for r in 0..<R {
                        let i = row + r
                        var state = st[i]
                        if state != 1 && c[i] >= model.activation {
                            state = 1
                            if fa[i] < 0 { fa[i] = Int32(t) }
                        } else if state == 1 && c[i] < model.dropout {
                            state = 2
                            lapseCounts[r] += 1
                        }
                        st[i] = state
                        a[i] = state == 1 ? 1 : 0
                        let s = Self.state(state, commitment: c[i])
                        counts[r * S + s] += 1
                        if fa[i] >= 0 { reached[r] += 1 }
                        sums[r] += c[i]
                        for g in 0..<levels.count where levels[g] >= 0 {
                            gc[groupBase[g] + (r * steps + t) * groupWidth[g] + levels[g] * S + s] += 1
                        }
                    }
                }
            }
            }
            }
            }
            }
            for r in 0..<R {
                for s in 0..<S { result.stateCounts[(r * steps + t) * S + s] = Int32(counts[r * S + s]) }
                result.reach[r * steps + t] = Int32(reached[r])
                result.meanCommitment[r * steps + t] = n > 0 ? sums[r] / Double(n) : 0
            }
        }

        settle(0)
        let keep = 1 - model.decay
        for t in stride(from: 1, through: horizon, by: 1) {
            try w.multiply(activity, into: &social)
            commitment.withUnsafeMutableBufferPointer { c in
            social.withUnsafeBufferPointer { s in
                for i in 0..<(n * R) {
                    let x = keep * c[i] + model.reinforcement * s[i] * (1 - c[i])
                    c[i] = min(1, max(0, x))
                }
            }
            }
            for (e, event) in model.events.enumerated() where event.happens(at: t) {
                for r in 0..<R {
                    switch event.attendees {
                    case .everyone:
                        for v in 0..<n { commitment[v, r] = min(1, commitment[v, r] + event.boost) }
                    case .active:
                        for v in 0..<n where status[v * R + r] == 1 { commitment[v, r] = min(1, commitment[v, r] + event.boost) }
                    case .attribute:
                        for v in eventMembers[e]! { commitment[v, r] = min(1, commitment[v, r] + event.boost) }
                    case let .fraction(p):
                        for v in 0..<n where eventStreams[r].bernoulli(p) { commitment[v, r] = min(1, commitment[v, r] + event.boost) }
                    }
                }
            }
            if model.noise > 0 {
                for r in 0..<R {
                    column.withUnsafeMutableBufferPointer { noiseStreams[r].fillNormal($0) }
                    column.withUnsafeBufferPointer { z in
                        commitment.withUnsafeMutableBufferPointer { c in
                            for v in 0..<n { c[v * R + r] = min(1, max(0, c[v * R + r] + model.noise * z[v])) }
                        }
                    }
                }
            }
            settle(t)
        }
        for r in 0..<R {
            var summary = ReplicateSummary()
            summary.recordReach(result.reach[(r * steps)..<((r + 1) * steps)].map { $0 }, population: n)
            summary.finalAdopted = result.count(.adopted, replicate: r, step: horizon)
            let adopted = (0..<steps).map { result.count(.adopted, replicate: r, step: $0) }
            let peak = adopted.indices.max { adopted[$0] < adopted[$1] || (adopted[$0] == adopted[$1] && $0 > $1) } ?? 0
            summary.peakAdopted = adopted.isEmpty ? 0 : adopted[peak]
            summary.peakTime = peak
            summary.lapses = lapseCounts[r]
            if let a = ReplicateSummary.inequalityAttribute(in: groupNames) {
                let group = groups[a]
                var reached = [Double](repeating: 0, count: group.levels.count), size = reached
                for v in 0..<n where group.codes[v] >= 0 {
                    size[Int(group.codes[v])] += 1
                    if firstActive[v * R + r] >= 0 { reached[Int(group.codes[v])] += 1 }
                }
                summary.inequalityAttribute = groupNames[a]
                summary.reachInequality = ReplicateSummary.inequality(reached: reached, size: size)
            }
            result.summaries[r] = summary
        }
        progress?(R)
        result.kernel = "matrix"
        if recordAgents {
            result.agentAdoptedAt = (0..<(R * n)).map { k in Float(firstActive[(k % n) * R + k / n]) }
        }
        return result
    }

    /// Adoption state of a cell: active → adopted; lapsed; never active with some commitment → aware.
    static func state(_ status: UInt8, commitment: Double) -> Int {
        switch status {
        case 1: return Int(AdoptionState.adopted.rawValue)
        case 2: return Int(AdoptionState.lapsed.rawValue)
        default: return commitment > 0 ? Int(AdoptionState.aware.rawValue) : Int(AdoptionState.unaware.rawValue)
        }
    }
}
