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
    /// Agents in each `AdoptionState`.
    public private(set) var stateCounts = SIMD4<Int>(0, 0, 0, 0)
    /// Agents who have ever adopted.
    public private(set) var reach = 0
    /// Σ commitment, for the mean.
    public internal(set) var commitmentSum = 0.0
    /// Abandonments so far.
    public private(set) var lapseCount = 0
    /// Agents whose state has changed since the replicate began, each once: resetting them alone
    /// makes a small cascade on a big network cost O(cascade), not O(n), per replicate.
    public private(set) var touched: [Int32] = []
    /// For each tracked attribute, agents per (level, state): index level · 4 + state.
    public private(set) var groupCounts: [[Int32]]
    let tracked: [[Int32]]

    init(population: Population, tracked: [Population.Group], index: Int, rng: Xoshiro256PlusPlus) {
        self.population = population
        agents = AgentState(count: population.count)
        self.rng = rng
        self.index = index
        self.tracked = tracked.map(\.codes)
        groupCounts = tracked.map { [Int32](repeating: 0, count: 4 * $0.levels.count) }
        stateCounts = SIMD4(population.count, 0, 0, 0)
        for (g, group) in tracked.enumerated() {
            for c in group.codes where c >= 0 { groupCounts[g][Int(c) * 4] += 1 }
        }
        groupSizes = groupCounts.map { counts in stride(from: 0, to: counts.count, by: 4).map { counts[$0] } }
    }

    /// Members per level of each tracked attribute.
    private(set) var groupSizes: [[Int32]] = []

    /// Everyone unaware again, for the next replicate (storage kept).
    mutating func reset(index: Int, rng: Xoshiro256PlusPlus) {
        if touched.count * 4 > agents.count {
            agents.reset()
        } else {
            for v in touched { agents.reset(Int(v)) }
        }
        touched.removeAll(keepingCapacity: true)
        lapseCount = 0
        recent.removeAll(keepingCapacity: true)
        self.rng = rng
        stateCounts = SIMD4(population.count, 0, 0, 0)
        reach = 0
        commitmentSum = 0
        for g in groupCounts.indices {
            // Only unaware counts are non-zero at the start: group sizes, kept from construction.
            let width = groupCounts[g].count / 4
            for level in 0..<width {
                groupCounts[g][level * 4] = groupSizes[g][level]
                groupCounts[g][level * 4 + 1] = 0
                groupCounts[g][level * 4 + 2] = 0
                groupCounts[g][level * 4 + 3] = 0
            }
        }
        self.index = index
    }

    @inline(__always)
    mutating func move(_ v: Int, from old: UInt8, to new: UInt8) {
        if old == AdoptionState.unaware.rawValue && agents.adoptedAt[v] < 0 && agents.lapses[v] == 0 { touched.append(Int32(v)) }
        stateCounts[Int(old)] -= 1
        stateCounts[Int(new)] += 1
        guard !tracked.isEmpty else {
            agents.state[v] = new
            return
        }
        for g in tracked.indices {
            let c = Int(tracked[g][v])
            if c >= 0 {
                groupCounts[g][c * 4 + Int(old)] -= 1
                groupCounts[g][c * 4 + Int(new)] += 1
            }
        }
        agents.state[v] = new
    }

    /// Adopts v at time t (if not already an adopter), recording who tipped it.
    @inline(__always)
    public mutating func adopt(_ v: Int, at t: Double, from source: Int32 = -1) {
        let old = agents.state[v]
        guard old != AdoptionState.adopted.rawValue else { return }
        if agents.adoptedAt[v] < 0 { reach += 1 }
        move(v, from: old, to: AdoptionState.adopted.rawValue)
        agents.adoptedAt[v] = t
        agents.adoptedFrom[v] = source
        commitmentSum += 1 - agents.commitment[v]
        agents.commitment[v] = 1
        recent.append(Int32(v))
    }

    /// Ends v's adoption (recovery, abandonment).
    @inline(__always)
    public mutating func lapse(_ v: Int) {
        let old = agents.state[v]
        guard old == AdoptionState.adopted.rawValue else { return }
        move(v, from: old, to: AdoptionState.lapsed.rawValue)
        commitmentSum -= agents.commitment[v]
        agents.commitment[v] = 0
        agents.lapses[v] += 1
        lapseCount += 1
    }

    /// Makes an unaware agent aware (events and communications).
    public mutating func makeAware(_ v: Int) {
        if agents.state[v] == AdoptionState.unaware.rawValue { move(v, from: AdoptionState.unaware.rawValue, to: AdoptionState.aware.rawValue) }
    }
}
