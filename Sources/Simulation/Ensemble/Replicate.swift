import NumericCore

/// One replicate in progress: the agents, its random stream, who adopted since the last step, and
/// running counts by state (overall and by group) kept up to date on every change, so recording a
/// step costs O(groups), never O(n).
public struct Replicate {
    public let population: Population
    public var agents: AgentState
    /// The dynamics stream for (seed, replicate, .dynamics).
    public var rng: Xoshiro256PlusPlus
    /// Adopters since the last step, in adoption order (the next step's frontier).
    public var recent: [Int32] = []
    public internal(set) var index: Int
    /// Agents in each `AdoptionState`. A fixed-size inline array: updating one count is a scalar
    /// store (a SIMD vector here cost a whole-vector load and store per state change).
    public private(set) var stateCounts = InlineArray<5, Int>(repeating: 0)
    /// Agents who have ever adopted.
    public private(set) var reach = 0
    /// Σ commitment, for the mean: the tracked levels where the run keeps them (set when each step
    /// settles), else the number practising.
    public var commitmentSum: Double {
        agents.commitment.isEmpty ? Double(stateCounts[Int(AdoptionState.adopted.rawValue)]) : trackedCommitment
    }
    /// Σ commitment over the agents, as the last step settled it (runs that track commitment).
    public internal(set) var trackedCommitment = 0.0
    /// Whether boosts reach agents who do not practise (the commitment model, where commitment
    /// builds towards activation) or only practitioners (waning commitment of an adopted practice).
    var boostsEveryone = false
    /// Abandonments so far.
    public private(set) var lapseCount = 0
    /// Agents whose state has changed since the replicate began, each once: resetting them alone
    /// makes a small cascade on a big network cost O(cascade), not O(n), per replicate.
    public private(set) var touched: [Int32] = []
    /// The step being simulated (interventions read it; added ties expire by it).
    public internal(set) var time = 0
    /// Ties added by interventions in this replicate.
    public internal(set) var overlay = TieOverlay()
    /// The interventions stream for (seed, replicate, .interventions): who attends, which ties form.
    public var interventionRNG = Xoshiro256PlusPlus(seed: 0)
    /// Changes made by interventions that the model must answer (new arcs, training, newcomers);
    /// the ensemble runner hands them to the model after each step's interventions.
    var pendingArcs: [(from: Int32, to: Int32)] = []
    var pendingTraining: [(agent: Int32, factor: Double)] = []
    var pendingNewcomers: [Int32] = []
    /// Agents trained or replaced this replicate, so models restore their workspace cells.
    public private(set) var interventionTouched: [Int32] = []
    /// Departures (removals and turnover) so far.
    public private(set) var departures = 0
    /// For each tracked attribute, agents per (level, state): index level · `AdoptionState.count` + state.
    public private(set) var groupCounts: [[Int32]]
    /// Codes per tracked attribute; the training breakdown's change as cohorts train (reset per replicate).
    var tracked: [[Int32]]
    /// Which tracked attribute is the training breakdown (levels untrained, trained), if any.
    let trainedGroup: Int?
    /// Which tracked attribute is the commitment breakdown (levels uncommitted, committed), if any.
    let committedGroup: Int?

    init(population: Population, tracked: [Population.Group], index: Int, rng: Xoshiro256PlusPlus, trainedGroup: Int? = nil,
         committedGroup: Int? = nil) {
        self.trainedGroup = trainedGroup
        self.committedGroup = committedGroup
        self.population = population
        agents = AgentState(count: population.count)
        self.rng = rng
        self.index = index
        self.tracked = tracked.map(\.codes)
        groupCounts = tracked.map { [Int32](repeating: 0, count: Self.width * $0.levels.count) }
        stateCounts = InlineArray(repeating: 0)
        stateCounts[0] = population.count
        for (g, group) in tracked.enumerated() {
            for c in group.codes where c >= 0 { groupCounts[g][Int(c) * Self.width] += 1 }
        }
        groupSizes = groupCounts.map { counts in stride(from: 0, to: counts.count, by: Self.width).map { counts[$0] } }
    }

    static let width = AdoptionState.count

    /// Members per level of each tracked attribute.
    private(set) var groupSizes: [[Int32]] = []

    /// Everyone unaware again, for the next replicate (storage kept).
    mutating func reset(index: Int, rng: Xoshiro256PlusPlus) {
        if touched.count * 4 > agents.count {
            agents.reset()
        } else {
            agents.reset(touched)
        }
        touched.removeAll(keepingCapacity: true)
        if let g = trainedGroup { for v in interventionTouched { tracked[g][Int(v)] = 0 } }
        if let g = committedGroup { for v in tracked[g].indices { tracked[g][v] = 0 } }
        interventionTouched.removeAll(keepingCapacity: true)
        lapseCount = 0
        departures = 0
        trackedCommitment = 0
        recent.removeAll(keepingCapacity: true)
        self.rng = rng
        stateCounts = InlineArray(repeating: 0)
        stateCounts[0] = population.count
        reach = 0
        time = 0
        overlay.removeAll()
        pendingArcs.removeAll(keepingCapacity: true)
        pendingTraining.removeAll(keepingCapacity: true)
        pendingNewcomers.removeAll(keepingCapacity: true)
        for g in groupCounts.indices {
            // Only unaware counts are non-zero at the start: group sizes, kept from construction.
            let levels = groupCounts[g].count / Self.width
            for level in 0..<levels {
                groupCounts[g][level * Self.width] = groupSizes[g][level]
                for s in 1..<Self.width { groupCounts[g][level * Self.width + s] = 0 }
            }
        }
        self.index = index
    }

    @inline(__always)
    mutating func move(_ v: Int, from old: UInt8, to new: UInt8) {
        if agents.flags[v] & AgentState.touchedFlag == 0 {
            agents.flags[v] |= AgentState.touchedFlag
            touched.append(Int32(v))
        }
        stateCounts[Int(old)] -= 1
        stateCounts[Int(new)] += 1
        guard !tracked.isEmpty else {
            agents.state[v] = new
            return
        }
        for g in tracked.indices {
            let c = Int(tracked[g][v])
            if c >= 0 {
                groupCounts[g][c * Self.width + Int(old)] -= 1
                groupCounts[g][c * Self.width + Int(new)] += 1
            }
        }
        agents.state[v] = new
    }

    /// Adopts v at time t (if not already an adopter, and still in the network), recording who tipped it.
    @inline(__always)
    public mutating func adopt(_ v: Int, at t: Double, from source: Int32 = -1) {
        let old = agents.state[v]
        guard old != AdoptionState.adopted.rawValue && old != AdoptionState.removed.rawValue else { return }
        if agents.flags[v] & AgentState.reachedFlag == 0 {
            agents.flags[v] |= AgentState.reachedFlag
            reach += 1
        }
        move(v, from: old, to: AdoptionState.adopted.rawValue)
        agents.adoptedAt[v] = t
        agents.adoptedFrom[v] = source
        recent.append(Int32(v))
    }

    /// Ends v's adoption (recovery, abandonment).
    @inline(__always)
    public mutating func lapse(_ v: Int) {
        let old = agents.state[v]
        guard old == AdoptionState.adopted.rawValue else { return }
        move(v, from: old, to: AdoptionState.lapsed.rawValue)
        agents.lapses[v] += 1
        lapseCount += 1
    }

    /// Makes an unaware agent aware (events and communications).
    public mutating func makeAware(_ v: Int) {
        if agents.state[v] == AdoptionState.unaware.rawValue { move(v, from: AdoptionState.unaware.rawValue, to: AdoptionState.aware.rawValue) }
    }

    /// An aware agent who never practised back to unaware (its commitment fell to nothing).
    mutating func makeUnaware(_ v: Int) {
        if agents.state[v] == AdoptionState.aware.rawValue { move(v, from: AdoptionState.aware.rawValue, to: AdoptionState.unaware.rawValue) }
    }
}

// MARK: - What interventions do to a replicate

extension Replicate {
    /// Adds the tie v — u (both directions) from now until `expires`; the model hears of each arc
    /// whose source already practises, as a fresh exposure.
    public mutating func addTie(_ v: Int, _ u: Int, expires: Int32 = TieOverlay.never) {
        guard v != u, !agents.isRemoved(v), !agents.isRemoved(u) else { return }
        overlay.addArc(from: v, to: u, expires: expires, population: population.count)
        overlay.addArc(from: u, to: v, expires: expires, population: population.count)
        pendingArcs.append((Int32(v), Int32(u)))
        pendingArcs.append((Int32(u), Int32(v)))
    }

    /// Raises v's commitment by `amount` (capped at 1): a meeting or sprint that sustains it. Only
    /// runs that track commitment have any; practitioners only, unless the model builds commitment
    /// in everyone (`boostsEveryone`).
    public mutating func boost(_ v: Int, by amount: Double) {
        guard !agents.commitment.isEmpty, !agents.isRemoved(v), boostsEveryone || agents.isAdopted(v) else { return }
        agents.commitment[v] = min(1, agents.commitment[v] + amount)
    }

    /// Trains v: its adoption threshold is scaled by `factor` (< 1 lowers it). Adoption still
    /// needs the model's network reinforcement.
    public mutating func train(_ v: Int, factor: Double) {
        guard !agents.isRemoved(v) else { return }
        markInterventionTouched(v)
        agents.flags[v] |= AgentState.trainedFlag
        setTrainedLevel(v, 1)
        pendingTraining.append((Int32(v), factor))
    }

    /// v leaves for good (a broker retires): it neither adopts nor passes anything on, and the
    /// ties interventions gave it end.
    public mutating func remove(_ v: Int) {
        let old = agents.state[v]
        guard old != AdoptionState.removed.rawValue else { return }
        move(v, from: old, to: AdoptionState.removed.rawValue)
        overlay.cut(v, at: time)
        departures += 1
    }

    /// v's holder leaves and a newcomer takes the post: the role's working ties stay, but the
    /// person's adoption, commitment, training and intervention-made ties go. Counted as a
    /// departure, not a lapse; reach still counts the post if it was ever reached.
    public mutating func replace(_ v: Int) {
        let old = agents.state[v]
        guard old != AdoptionState.removed.rawValue else { return }
        if old != AdoptionState.unaware.rawValue { move(v, from: old, to: AdoptionState.unaware.rawValue) }
        agents.flags[v] &= ~AgentState.trainedFlag
        setTrainedLevel(v, 0)
        if !agents.commitment.isEmpty { agents.commitment[v] = 0 }
        markInterventionTouched(v)
        overlay.cut(v, at: time)
        pendingNewcomers.append(Int32(v))
        departures += 1
    }

    /// Moves v between the training breakdown's levels (0 untrained, 1 trained), with its counts.
    private mutating func setTrainedLevel(_ v: Int, _ level: Int32) {
        guard let g = trainedGroup else { return }
        moveLevel(v, in: g, to: level)
    }

    /// Moves v to `level` of the derived breakdown g (trained, committed), with its counts.
    @inline(__always)
    private mutating func moveLevel(_ v: Int, in g: Int, to level: Int32) {
        let was = tracked[g][v]
        guard was != level else { return }
        let s = Int(agents.state[v])
        groupCounts[g][Int(was) * Self.width + s] -= 1
        groupCounts[g][Int(level) * Self.width + s] += 1
        tracked[g][v] = level
    }

    /// Re-reads every agent's level of the commitment breakdown (committed: commitment ≥ `level`),
    /// moving its counts: O(n), once per recorded step, and only when that breakdown is asked for.
    mutating func refreshCommittedLevels(at level: Double) {
        guard let g = committedGroup, !agents.commitment.isEmpty else { return }
        for v in 0..<agents.count { moveLevel(v, in: g, to: agents.commitment[v] >= level ? 1 : 0) }
    }

    private mutating func markInterventionTouched(_ v: Int) {
        if agents.flags[v] & AgentState.touchedFlag == 0 {
            agents.flags[v] |= AgentState.touchedFlag
            touched.append(Int32(v))
        }
        interventionTouched.append(Int32(v))
    }
}
