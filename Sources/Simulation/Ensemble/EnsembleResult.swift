import NumericCore

/// Everything an ensemble produced: per replicate and step, counts by state (overall and per group
/// of each breakdown attribute), agents ever reached and mean commitment; per replicate, a summary.
/// Arrays are flat and row-major: [replicate][step][…].
public struct EnsembleResult: Sendable {
    public let replicates: Int
    public let horizon: Int
    public let population: Int
    public var steps: Int { horizon + 1 }
    /// [r][t][state] with `AdoptionState.count` states in `AdoptionState` order.
    public var stateCounts: [Int32]
    /// [r][t]: agents who have adopted at least once by step t.
    public var reach: [Int32]
    /// [r][t]
    public var meanCommitment: [Double]
    public let groupNames: [String]
    public let groupLevels: [[String]]
    /// Per attribute g, a block at `groupBase[g]` of [r][t][level][state].
    public var groupCounts: [Int32]
    public let groupBase: [Int]
    public var summaries: [ReplicateSummary]
    /// [r][agent]: when each agent first adopted (−1: never); empty unless the ensemble recorded agents.
    public var agentAdoptedAt: [Float] = []
    /// [r][agent]: each agent's commitment (opinion) at the horizon; NaN where the run does not
    /// track commitment; empty unless the ensemble recorded agents.
    public var agentCommitment: [Float] = []
    /// Which kernel ran the replicates: "frontier" (one replicate at a time), "matrix" (all at once,
    /// commitment dynamics) or "frontier+lanes" (replicate 0 on the frontier kernel, the rest 64 per pass).
    public var kernel = "frontier"
    /// When each intervention acted, in time order: markers for time axes.
    public var interventions: [InterventionOccurrence] = []

    /// Bytes the result of an ensemble holds (counts per replicate, step and group level, reach,
    /// commitment, summaries, and with `recordAgents` every agent's adoption time), estimated
    /// before anything is allocated.
    static func estimatedBytes(replicates: Int, horizon: Int, population: Int, levels: Int, recordAgents: Bool) -> Double {
        let cells = Double(replicates) * Double(horizon + 1)
        let perCell = Double(AdoptionState.count * 4 + 4 + 8) + Double(levels * AdoptionState.count * 4)
        let summaries = Double(replicates) * Double(MemoryLayout<ReplicateSummary>.stride)
        return cells * perCell + summaries + (recordAgents ? Double(replicates) * Double(population) * 8 : 0)
    }

    init(replicates: Int, horizon: Int, population: Int, groupNames: [String], groupLevels: [[String]]) {
        self.replicates = replicates
        self.horizon = horizon
        self.population = population
        let steps = horizon + 1
        stateCounts = [Int32](repeating: 0, count: replicates * steps * AdoptionState.count)
        reach = [Int32](repeating: 0, count: replicates * steps)
        meanCommitment = [Double](repeating: 0, count: replicates * steps)
        self.groupNames = groupNames
        self.groupLevels = groupLevels
        var base: [Int] = []
        var total = 0
        for levels in groupLevels {
            base.append(total)
            total += replicates * steps * levels.count * AdoptionState.count
        }
        groupBase = base
        groupCounts = [Int32](repeating: 0, count: total)
        summaries = Array(repeating: ReplicateSummary(), count: replicates)
    }

    public func count(_ state: AdoptionState, replicate r: Int, step t: Int) -> Int {
        Int(stateCounts[(r * steps + t) * AdoptionState.count + Int(state.rawValue)])
    }

    public func groupCount(_ g: Int, level: Int, _ state: AdoptionState, replicate r: Int, step t: Int) -> Int {
        let width = groupLevels[g].count * AdoptionState.count
        return Int(groupCounts[groupBase[g] + (r * steps + t) * width + level * AdoptionState.count + Int(state.rawValue)])
    }

    /// Whether every replicate has the same series (counts, reach, commitment, group counts) and
    /// summary as replicate 0: nothing in the run was random, and its intervals say nothing.
    public var identicalReplicates: Bool {
        let steps = self.steps, width = AdoptionState.count
        for r in 1..<max(replicates, 1) {
            guard summaries[r] == summaries[0],
                  stateCounts[(r * steps * width)..<((r + 1) * steps * width)].elementsEqual(stateCounts[0..<(steps * width)]),
                  reach[(r * steps)..<((r + 1) * steps)].elementsEqual(reach[0..<steps]),
                  meanCommitment[(r * steps)..<((r + 1) * steps)].elementsEqual(meanCommitment[0..<steps]) else { return false }
            for (g, levels) in groupLevels.enumerated() {
                let block = steps * levels.count * width, base = groupBase[g]
                guard groupCounts[(base + r * block)..<(base + (r + 1) * block)].elementsEqual(groupCounts[base..<(base + block)]) else { return false }
            }
        }
        return true
    }

    /// Whether the agent ever adopted in the replicate (needs `recordAgents`).
    public func everAdopted(replicate r: Int, node v: Int) -> Bool { agentAdoptedAt[r * population + v] >= 0 }

    /// Per agent: the share of replicates in which it adopted, its mean adoption time where it did
    /// (NaN when never), and its mean commitment at the horizon (NaN where the run does not track
    /// commitment). Ready to attach as node attributes and export (needs `recordAgents`).
    public func agentOutcomes() -> (probability: [Double], meanTime: [Double], meanCommitment: [Double]) {
        var probability = [Double](repeating: 0, count: population), time = [Double](repeating: 0, count: population)
        var commitment = [Double](repeating: 0, count: population)
        guard !agentAdoptedAt.isEmpty else { return (probability, time.map { _ in .nan }, time.map { _ in .nan }) }
        for r in 0..<replicates {
            for v in 0..<population where agentAdoptedAt[r * population + v] >= 0 {
                probability[v] += 1
                time[v] += Double(agentAdoptedAt[r * population + v])
            }
        }
        let tracked = agentCommitment.count == agentAdoptedAt.count && !(agentCommitment.first?.isNaN ?? true)
        if tracked {
            for r in 0..<replicates {
                for v in 0..<population { commitment[v] += Double(agentCommitment[r * population + v]) }
            }
        }
        for v in 0..<population {
            time[v] = probability[v] > 0 ? time[v] / probability[v] : .nan
            probability[v] /= Double(replicates)
            commitment[v] = tracked ? commitment[v] / Double(replicates) : .nan
        }
        return (probability, time, commitment)
    }

    /// Mean, standard deviation and the 2.5% and 97.5% quantiles (type 7) across replicates.
    public struct Band: Sendable, Codable, Equatable {
        public var mean: Double
        public var sd: Double
        public var low: Double
        public var high: Double

        public init(_ values: [Double]) {
            mean = Descriptive.mean(values)
            sd = values.count > 1 ? Descriptive.standardDeviation(values) : 0
            low = Descriptive.quantile(values, 0.025)
            high = Descriptive.quantile(values, 0.975)
        }
    }

    /// The band of any per-replicate, per-step value.
    public func band(step t: Int, _ value: (Int) -> Double) -> Band {
        Band((0..<replicates).map(value))
    }

    /// Adopters (currently practising) at each step, across replicates.
    public var adoptedBands: [Band] { (0..<steps).map { t in band(step: t) { Double(count(.adopted, replicate: $0, step: t)) } } }
    /// Agents ever reached at each step, across replicates.
    public var reachBands: [Band] { (0..<steps).map { t in band(step: t) { Double(reach[$0 * steps + t]) } } }
}

/// What one replicate came to.
public struct ReplicateSummary: Sendable, Codable, Equatable {
    /// Agents who ever adopted, and their share of the population.
    public var finalReach = 0
    public var reachShare = 0.0
    /// Adopters at the end (practising).
    public var finalAdopted = 0
    /// First step at which half, and nine tenths, of the population had been reached (nil: never).
    public var timeTo50: Int?
    public var timeTo90: Int?
    /// Most adopters at once, and when.
    public var peakAdopted = 0
    public var peakTime = 0
    /// Abandonments (an agent who lapses twice counts twice).
    public var lapses = 0
    /// Agents who left through removal or turnover.
    public var departures = 0
    /// Gini coefficient of reach shares across the groups of `inequalityAttribute` (0: every
    /// organisation reached equally; towards 1: concentrated in few).
    public var reachInequality: Double?
    public var inequalityAttribute: String?
    /// Share of adoptions passed on across a boundary of that attribute (from a neighbour in another group).
    public var crossBoundaryShare: Double?
    /// Runs that track commitment (the commitment and opinion models, waning commitment): mean
    /// commitment (opinion) at the horizon, the share committed at `Ensemble.committedLevel` or
    /// more, the share of the peak mean commitment still held at the horizon (how far it decayed),
    /// and the standard deviation across people (the opinion models' spread). nil otherwise.
    public var finalCommitment: Double?
    public var committedShare: Double?
    public var commitmentRetained: Double?
    public var commitmentSpread: Double?

    public init() {}

    /// The commitment measures from every agent's commitment at the horizon and the run's mean
    /// commitment per step.
    mutating func recordCommitment(population n: Int, series: UnsafeBufferPointer<Double>, _ commitment: (Int) -> Double) {
        guard n > 0 else { return }
        var sum = 0.0, committed = 0
        for v in 0..<n {
            let c = commitment(v)
            sum += c
            if c >= Ensemble.committedLevel { committed += 1 }
        }
        let mean = sum / Double(n)
        var squares = 0.0
        for v in 0..<n { squares += (commitment(v) - mean) * (commitment(v) - mean) }
        finalCommitment = mean
        committedShare = Double(committed) / Double(n)
        commitmentSpread = (squares / Double(n)).squareRoot()
        let peak = series.max() ?? 0
        commitmentRetained = peak > 0 ? (series.last ?? 0) / peak : nil
    }

    init(_ r: Replicate, reachSeries: UnsafeBufferPointer<Int32>, peak: (value: Int, time: Int), groups: [Population.Group],
         groupNames: [String], crossAttribute: Int?) {
        let n = r.population.count
        recordReach(reachSeries, population: n)
        finalAdopted = r.stateCounts[Int(AdoptionState.adopted.rawValue)]
        peakAdopted = peak.value
        peakTime = peak.time
        lapses = r.lapseCount
        departures = r.departures
        if let a = crossAttribute {
            let group = groups[a]
            inequalityAttribute = groupNames[a]
            var reached = [Double](repeating: 0, count: group.levels.count)
            let size = r.groupSizes[a].map(Double.init)
            var crossed = 0, passed = 0
            // Only agents whose state changed can have adopted.
            for v32 in r.touched {
                let v = Int(v32)
                let c = Int(group.codes[v])
                guard c >= 0 else { continue }
                if r.agents.adoptedAt[v] >= 0 { reached[c] += 1 }
                let source = Int(r.agents.adoptedFrom[v])
                if source >= 0 && group.codes[source] >= 0 {
                    passed += 1
                    if group.codes[source] != group.codes[v] { crossed += 1 }
                }
            }
            reachInequality = Self.inequality(reached: reached, size: size)
            crossBoundaryShare = passed > 0 ? Double(crossed) / Double(passed) : nil
        }
    }

    /// Final reach, its share, and the first steps at which it reached half and nine tenths of the
    /// population, from the reach series (agents ever reached, per step).
    mutating func recordReach<S: BidirectionalCollection>(_ series: S, population n: Int) where S.Element: BinaryInteger, S.Index == Int {
        finalReach = series.last.map { Int($0) } ?? 0
        reachShare = n > 0 ? Double(finalReach) / Double(n) : 0
        timeTo50 = series.firstIndex { 2 * Int($0) >= n && n > 0 }
        timeTo90 = series.firstIndex { 10 * Int($0) >= 9 * n && n > 0 }
    }

    /// The attribute reach inequality and boundary crossing are measured on: organisation if the
    /// network has it, else its first categorical attribute.
    static func inequalityAttribute(in groupNames: [String]) -> Int? {
        groupNames.firstIndex(of: "organisation")
            ?? groupNames.firstIndex { $0 != Ensemble.trainedAttribute && $0 != Ensemble.committedAttribute }
    }

    /// Gini of the reach shares of the non-empty groups.
    static func inequality(reached: [Double], size: [Double]) -> Double {
        gini(size.indices.filter { size[$0] > 0 }.map { reached[$0] / size[$0] })
    }

    /// Gini coefficient by the sorted-rank formula; 0 for an empty or all-zero list.
    static func gini(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let total = sorted.reduce(0, +)
        guard sorted.count > 1, total > 0 else { return 0 }
        var weighted = 0.0
        for (i, x) in sorted.enumerated() { weighted += Double(i + 1) * x }
        let n = Double(sorted.count)
        return (2 * weighted) / (n * total) - (n + 1) / n
    }
}
