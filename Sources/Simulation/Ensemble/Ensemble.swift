import NumericCore
import Synchronization

/// Runs R replicates of a model on a population, in parallel across cores, and collects a tidy
/// time series and per-replicate summaries. Replicate r draws everything from streams keyed by
/// (seed, r, purpose), so the result is bit-identical for any thread count.
public struct Ensemble: Sendable {
    public var replicates: Int
    /// Steps after the seeding step 0.
    public var horizon: Int
    public var seed: UInt64
    public var seeding: SeedingStrategy
    /// Categorical attributes to break counts down by (default: all the network has).
    public var breakdown: [String]?
    /// Keep every agent's adoption time in every replicate (R × n values) for per-agent outputs:
    /// adoption probability and mean adoption time as node attributes, who is left out.
    public var recordAgents = false
    /// What the programme does along the way, applied after each step's dynamics in this order.
    public var interventions: [any Intervention] = []
    /// Told the number of replicates finished so far, from whichever worker finished one (for
    /// progress bars; must be thread-safe and cheap).
    public var progress: (@Sendable (Int) -> Void)?
    /// Seeds already ranked or pooled for this population (then `seeding.prepare`, which may rank
    /// by betweenness or run IMM, is not repeated).
    public var preparedSeeding: SeedingStrategy.Prepared?
    /// Use the per-replicate frontier kernel even where a batched one applies (for tests and benchmarks).
    public var forceFrontierKernel = false

    public init(replicates: Int, horizon: Int, seed: UInt64 = 0, seeding: SeedingStrategy, breakdown: [String]? = nil,
                interventions: [any Intervention] = []) {
        self.replicates = replicates
        self.horizon = horizon
        self.seed = seed
        self.seeding = seeding
        self.breakdown = breakdown
        self.interventions = interventions
    }

    /// Checks everything before any work starts: the model's parameters, the seeding, the attributes.
    public func validate<M: DiffusionModel>(_ model: M, on population: Population) throws {
        guard replicates >= 1 else { throw SimulationError.outOfRange(parameter: "replicates", value: Double(replicates), allowed: "≥ 1") }
        guard horizon >= 0 else { throw SimulationError.outOfRange(parameter: "horizon", value: Double(horizon), allowed: "≥ 0") }
        try model.validate(population)
        for name in breakdown ?? [] { _ = try population.group(name) }
        try interventions.validate(population, horizon: horizon, support: M.interventionSupport, model: M.name)
    }

    /// Every intervention occurrence up to the horizon, in time order (list order within a step).
    public func occurrences() -> [InterventionOccurrence] {
        var list: [(index: Int, occurrence: InterventionOccurrence)] = []
        for (i, x) in interventions.enumerated() {
            let kind = type(of: x).kind
            for t in x.schedule.times(horizon: horizon) { list.append((i, InterventionOccurrence(kind: kind, label: x.label, time: t))) }
        }
        list.sort { a, b in a.occurrence.time != b.occurrence.time ? a.occurrence.time < b.occurrence.time : a.index < b.index }
        return list.map(\.occurrence)
    }

    /// The result arrays, as the workers write them.
    typealias Outputs = (stateCounts: UnsafeMutableBufferPointer<Int32>, meanCommitment: UnsafeMutableBufferPointer<Double>,
                         reach: UnsafeMutableBufferPointer<Int32>, summaries: UnsafeMutableBufferPointer<ReplicateSummary>,
                         groupCounts: UnsafeMutableBufferPointer<Int32>, agentAdoptedAt: UnsafeMutableBufferPointer<Float>)

    public func run<M: DiffusionModel>(_ model: M, on population: Population) throws -> EnsembleResult {
        try validate(model, on: population)
        let prepared = try preparedSeeding ?? seeding.prepare(population, seed: seed)
        let timeline = try interventions.map { try $0.prepared(population, seed: self.seed) }
        let lastDue = interventions.flatMap { $0.schedule.times(horizon: self.horizon) }.max() ?? -1
        let groupNames = breakdown ?? population.groupNames
        let groups = try groupNames.map { try population.group($0) }
        let steps = horizon + 1
        var result = EnsembleResult(replicates: replicates, horizon: horizon, population: population.count,
                                    groupNames: groupNames, groupLevels: groups.map(\.levels))
        let seed = self.seed, horizon = self.horizon
        let crossAttribute = ReplicateSummary.inequalityAttribute(in: groupNames)
        let recordAgents = self.recordAgents
        let progress = self.progress
        let finished = Mutex(0)
        if recordAgents { result.agentAdoptedAt = [Float](repeating: -1, count: replicates * population.count) }
        result.interventions = occurrences()
        let width = AdoptionState.count
        // Fixed-threshold linear threshold without interventions: 64 replicates per pass (ThresholdLanes).
        let lanes = interventions.isEmpty && !forceFrontierKernel ? (model as? LinearThreshold).flatMap { ThresholdLanes($0, population) } : nil
        let groupBase = result.groupBase
        var usedLanes = false
        result.stateCounts.withUnsafeMutableBufferPointer { stateCounts in
        result.meanCommitment.withUnsafeMutableBufferPointer { meanCommitment in
        result.reach.withUnsafeMutableBufferPointer { reachSeries in
        result.summaries.withUnsafeMutableBufferPointer { summaries in
        result.groupCounts.withUnsafeMutableBufferPointer { groupCounts in
        result.agentAdoptedAt.withUnsafeMutableBufferPointer { agentAdoptedAt in
            let out = UncheckedSendable<Outputs>((stateCounts, meanCommitment, reachSeries, summaries, groupCounts, agentAdoptedAt))
            /// Replicates `range` one at a time with the model's frontier kernel, in parallel.
            func frontierKernel(_ range: Range<Int>) {
            Parallel.forEach(count: range.count, workerState: {
                (replicate: Replicate(population: population, tracked: groups, index: 0,
                                      rng: Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .dynamics)),
                 workspace: model.makeWorkspace(population), frontier: [Int32]())
            }) { worker, i in
                let r = range.lowerBound + i
                let (stateCounts, meanCommitment, reachSeries, summaries, groupCounts, agentAdoptedAt) = out.value
                worker.replicate.reset(index: r, rng: Xoshiro256PlusPlus(seed: seed, replicate: UInt64(r), purpose: .dynamics))
                worker.replicate.interventionRNG = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(r), purpose: .interventions)
                model.begin(&worker.replicate, &worker.workspace)
                for v in prepared.seeds(seed: seed, replicate: r) { worker.replicate.adopt(v, at: 0) }
                /// Applies the interventions due at t, then lets the model answer what they changed.
                func intervene(_ t: Int) -> Bool {
                    var acted = false
                    for x in timeline where x.schedule.happens(at: t) {
                        x.apply(&worker.replicate)
                        acted = true
                    }
                    guard acted else { return false }
                    let time = Double(t)
                    for (v, u) in worker.replicate.pendingArcs {
                        // Agents adopting at this very step push along their new ties next step.
                        if worker.replicate.agents.isAdopted(Int(v)) && worker.replicate.agents.adoptedAt[Int(v)] < time {
                            model.tieAdded(&worker.replicate, &worker.workspace, from: Int(v), to: Int(u))
                        }
                    }
                    for (u, factor) in worker.replicate.pendingTraining {
                        model.trained(&worker.replicate, &worker.workspace, agent: Int(u), factor: factor)
                    }
                    for u in worker.replicate.pendingNewcomers { model.arrived(&worker.replicate, &worker.workspace, agent: Int(u)) }
                    worker.replicate.pendingArcs.removeAll(keepingCapacity: true)
                    worker.replicate.pendingTraining.removeAll(keepingCapacity: true)
                    worker.replicate.pendingNewcomers.removeAll(keepingCapacity: true)
                    return true
                }
                var peak = (value: 0, time: 0)
                /// Reads the replicate in place: a `let` copy of it would retain every array it holds, per step.
                func record(_ t: Int) {
                    let base = (r * steps + t) * width
                    for s in 0..<width { stateCounts[base + s] = Int32(worker.replicate.stateCounts[s]) }
                    meanCommitment[r * steps + t] = population.count > 0 ? worker.replicate.commitmentSum / Double(population.count) : 0
                    reachSeries[r * steps + t] = Int32(worker.replicate.reach)
                    for g in worker.replicate.groupCounts.indices {
                        let width = worker.replicate.groupCounts[g].count
                        let base = groupBase[g] + (r * steps + t) * width
                        for i in 0..<width { groupCounts[base + i] = worker.replicate.groupCounts[g][i] }
                    }
                    let adopted = worker.replicate.stateCounts[2]
                    if adopted > peak.value { peak = (adopted, t) }
                }
                if lastDue >= 0 { _ = intervene(0) }
                record(0)
                var active = true
                for t in stride(from: 1, through: horizon, by: 1) {
                    if active || t <= lastDue {
                        worker.replicate.time = t
                        swap(&worker.frontier, &worker.replicate.recent)
                        worker.replicate.recent.removeAll(keepingCapacity: true)
                        if lastDue >= 0 {
                            // Agents who left (or were replaced) since adopting pass nothing on.
                            worker.frontier.removeAll { !worker.replicate.agents.isAdopted(Int($0)) }
                        }
                        active = model.step(&worker.replicate, &worker.workspace, frontier: worker.frontier, to: t)
                        if t <= lastDue && intervene(t) { active = true }
                        record(t)
                    } else {
                        // Nothing can change any more: copy the last row.
                        for s in 0..<width { stateCounts[(r * steps + t) * width + s] = stateCounts[(r * steps + t - 1) * width + s] }
                        meanCommitment[r * steps + t] = meanCommitment[r * steps + t - 1]
                        reachSeries[r * steps + t] = reachSeries[r * steps + t - 1]
                        for g in groupBase.indices {
                            let width = worker.replicate.groupCounts[g].count
                            let base = groupBase[g] + (r * steps + t) * width
                            for i in 0..<width { groupCounts[base + i] = groupCounts[base - width + i] }
                        }
                    }
                }
                if recordAgents {
                    let n = population.count
                    for v in 0..<n { agentAdoptedAt[r * n + v] = Float(worker.replicate.agents.adoptedAt[v]) }
                }
                summaries[r] = ReplicateSummary(worker.replicate, reachSeries: UnsafeBufferPointer(rebasing: reachSeries[(r * steps)..<((r + 1) * steps)]),
                                                peak: peak, groups: groups, groupNames: groupNames, crossAttribute: crossAttribute)
                model.finish(&worker.replicate, &worker.workspace)
                if let progress { progress(finished.withLock { $0 += 1; return $0 }) }
            }
            }
            guard let lanes else { return frontierKernel(0..<replicates) }
            // Switch by the active fraction: replicate 0 runs on the frontier kernel (cheapest for
            // small cascades); when it reaches a sizeable share, the rest go 64 to a pass.
            frontierKernel(0..<1)
            if replicates > 1 && summaries[0].reachShare >= ThresholdLanes.minimumReachShare {
                usedLanes = true
                lanes.run(self, replicates: 1..<replicates, on: population, prepared: prepared, groups: groups, groupNames: groupNames,
                          groupBase: groupBase, outputs: out, crossAttribute: crossAttribute, finished: finished)
            } else {
                frontierKernel(1..<replicates)
            }
        }
        }
        }
        }
        }
        }
        if usedLanes { result.kernel = "frontier+lanes" }
        return result
    }
}
