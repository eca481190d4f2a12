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
    /// Commitment that wanes and makes practitioners drop the practice, on top of any adoption
    /// model (nil: adopters practise until the model itself ends it).
    public var waning: WaningCommitment?

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
    /// `alternatives` names the models that take a support, for refusals (default: the model catalog's).
    public func validate<M: DiffusionModel>(_ model: M, on population: Population,
                                            alternatives: (InterventionSupport) -> [String] = ModelCatalog.models(taking:)) throws {
        guard replicates >= 1 else { throw SimulationError.outOfRange(parameter: "replicates", value: Double(replicates), allowed: "≥ 1") }
        guard horizon >= 0 else { throw SimulationError.outOfRange(parameter: "horizon", value: Double(horizon), allowed: "≥ 0") }
        try model.validate(population)
        if let waning {
            guard !M.tracksCommitment else {
                throw SimulationError.unsupported("the \(M.name) model keeps its own commitment (decay, reinforcement, dropout are its "
                    + "parameters); drop the scenario's commitment: block, or use an adoption model with it")
            }
            try waning.validate()
        }
        for name in breakdown ?? [] where !Self.isDerived(name, in: population) { _ = try population.group(name) }
        let bytes = resultBytes(on: population)
        do {
            try MemoryBudget.check(bytes, for: "the results of \(replicates) replicates × \(horizon + 1) steps")
        } catch let error as MemoryBudget.Exceeded {
            throw SimulationError.unsupported("\(error.description); run fewer replicates or steps, or a sweep in shards")
        }
        if breakdown?.contains(where: { $0 == Self.committedAttribute && Self.isDerived($0, in: population) }) == true,
           waning == nil, !M.tracksCommitment {
            throw SimulationError.unsupported("the breakdown by committed needs commitment, which the \(M.name) model does not keep "
                + "without it: add waning commitment (commitment: {decay: 0.05}) or use the commitment model")
        }
        let support = M.interventionSupport.union(waning != nil ? .commitment : [])
        try interventions.validate(population, horizon: horizon, support: support, model: M.name, alternatives: alternatives)
    }

    /// What the result of this ensemble will take in memory, estimated before anything is allocated.
    public func resultBytes(on population: Population) -> Double {
        let levels = (breakdown ?? population.groupNames).reduce(0) { $0 + (population.groups[$1]?.levels.count ?? 2) }
        return EnsembleResult.estimatedBytes(replicates: replicates, horizon: horizon, population: population.count, levels: levels,
                                             recordAgents: recordAgents)
    }

    /// The breakdown by training: a pseudo-attribute with levels "untrained" and "trained" that
    /// follows each replicate's training cohorts.
    public static let trainedAttribute = "trained"

    /// The breakdown by commitment: a pseudo-attribute with levels "uncommitted" and "committed"
    /// (commitment at least `committedLevel`), re-read from every agent at each recorded step, so
    /// "practising but uncommitted" shows who is about to drop out. Runs that track commitment only.
    public static let committedAttribute = "committed"
    public static let committedLevel = 0.5

    /// Whether `name` is one of the breakdowns the runner derives from agent state (trained,
    /// committed), not an attribute of the network; a network attribute of that name wins.
    public static func isDerived(_ name: String, in population: Population) -> Bool {
        (name == trainedAttribute || name == committedAttribute) && population.groups[name] == nil
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

    /// Runs the ensemble: replicate by replicate on the frontier kernel, or on the batched kernel
    /// the model offers for this ensemble (after a pilot replicate where the kernel asks for one).
    public func run<M: DiffusionModel>(_ model: M, on population: Population) throws -> EnsembleResult {
        try validate(model, on: population)
        let batched = forceFrontierKernel || derivesCommitment(population) ? nil : model.batchedKernel(for: self, on: population)
        return try execute(M.self, on: population) { run, summaries in
            guard let batched else {
                frontierKernel({ _ in model }, run, replicates: 0..<replicates)
                return "frontier"
            }
            guard let share = batched.pilotReachShare else {
                try batched.run(run, replicates: 0..<replicates)
                return batched.name
            }
            frontierKernel({ _ in model }, run, replicates: 0..<1)
            if replicates > 1 && summaries[0].reachShare >= share {
                try batched.run(run, replicates: 1..<replicates)
                return "frontier+" + batched.name
            }
            frontierKernel({ _ in model }, run, replicates: 1..<replicates)
            return "frontier"
        }
    }

    /// Runs one replicate per model, replicate r with `models[r]` (a calibration's draws, each its
    /// own parameters), on the frontier kernel. Replicate r draws from the streams of replicate
    /// `first + r`, so any block of draws run anywhere gives what the same draws give in one run;
    /// `replicates` is ignored (it is `models.count`).
    public func run<M: DiffusionModel>(each models: [M], from first: Int = 0, on population: Population) throws -> EnsembleResult {
        guard let model = models.first else {
            throw SimulationError.outOfRange(parameter: "replicates", value: 0, allowed: "≥ 1")
        }
        var ensemble = self
        ensemble.replicates = models.count
        try ensemble.validate(model, on: population)
        for m in models.dropFirst() { try m.validate(population) }
        return try ensemble.execute(M.self, on: population) { run, _ in
            ensemble.frontierKernel({ models[$0] }, run, replicates: 0..<models.count, streamsFrom: first, varying: true)
            return "frontier"
        }
    }

    /// Whether the breakdown reads commitment back from every agent each step, which only the
    /// per-replicate kernel keeps.
    private func derivesCommitment(_ population: Population) -> Bool {
        (breakdown ?? population.groupNames).contains { $0 == Self.committedAttribute && Self.isDerived($0, in: population) }
    }

    /// Prepares seeds, interventions and breakdowns, allocates the result, and lets `kernels` fill
    /// it; `kernels` returns the kernel's name for the result.
    private func execute<M: DiffusionModel>(_ model: M.Type, on population: Population,
                                            kernels: (EnsembleRun, UnsafeMutableBufferPointer<ReplicateSummary>) throws -> String)
        throws -> EnsembleResult {
        let prepared = try preparedSeeding ?? seeding.prepare(population, seed: seed)
        let timeline = try interventions.map { try $0.prepared(population, seed: self.seed) }
        let groupNames = breakdown ?? population.groupNames
        let groups = try groupNames.map { name in
            guard Self.isDerived(name, in: population) else { return try population.group(name) }
            let levels = name == Self.trainedAttribute ? ["untrained", "trained"] : ["uncommitted", "committed"]
            return Population.Group(codes: [Int32](repeating: 0, count: population.count), levels: levels)
        }
        var result = EnsembleResult(replicates: replicates, horizon: horizon, population: population.count,
                                    groupNames: groupNames, groupLevels: groups.map(\.levels))
        if recordAgents {
            result.agentAdoptedAt = [Float](repeating: -1, count: replicates * population.count)
            result.agentCommitment = [Float](repeating: .nan, count: replicates * population.count)
        }
        result.interventions = occurrences()
        var kernel = "frontier"
        try result.stateCounts.withUnsafeMutableBufferPointer { stateCounts in
        try result.meanCommitment.withUnsafeMutableBufferPointer { meanCommitment in
        try result.reach.withUnsafeMutableBufferPointer { reachSeries in
        try result.summaries.withUnsafeMutableBufferPointer { summaries in
        try result.groupCounts.withUnsafeMutableBufferPointer { groupCounts in
        try result.agentAdoptedAt.withUnsafeMutableBufferPointer { agentAdoptedAt in
        try result.agentCommitment.withUnsafeMutableBufferPointer { agentCommitment in
            let recorder = EnsembleRecorder(stateCounts: stateCounts, meanCommitment: meanCommitment, reach: reachSeries,
                                            summaries: summaries, groupCounts: groupCounts, agentAdoptedAt: agentAdoptedAt,
                                            agentCommitment: agentCommitment,
                                            steps: horizon + 1, population: population.count, groupBase: result.groupBase,
                                            groupLevels: groups.map(\.levels.count))
            let run = EnsembleRun(ensemble: self, population: population, prepared: prepared, timeline: timeline, groups: groups,
                                  groupNames: groupNames, crossAttribute: ReplicateSummary.inequalityAttribute(in: groupNames),
                                  recorder: recorder, finished: ProgressTally())
            kernel = try kernels(run, summaries)
        }
        }
        }
        }
        }
        }
        }
        result.kernel = kernel
        return result
    }

    /// Replicates `range` one at a time with the model's own step, in parallel: the kernel every
    /// model has, and the only one that takes every intervention.
    /// Replicate r runs `modelAt(r)`, from the streams of replicate `first + r`; `varying`: the
    /// models differ, so a workspace is made per replicate unless one serves any parameters.
    func frontierKernel<M: DiffusionModel>(_ modelAt: (Int) -> M, _ run: EnsembleRun, replicates range: Range<Int>,
                                           streamsFrom first: Int = 0, varying: Bool = false) {
        let population = run.population, groups = run.groups, prepared = run.prepared, timeline = run.timeline
        let seed = self.seed, horizon = self.horizon, recordAgents = self.recordAgents, waning = self.waning
        let lastDue = interventions.flatMap { $0.schedule.times(horizon: horizon) }.max() ?? -1
        let out = run.recorder
        let streamKeys = InterventionStream.keys(timeline)
        let tracksCommitment = waning != nil || M.tracksCommitment
        let influence = waning.map { _ in population.influenceMatrix() }
        let trainedGroup = groups.indices.first { run.groupNames[$0] == Self.trainedAttribute && Self.isDerived(Self.trainedAttribute, in: population) }
        let committedGroup = groups.indices.first { run.groupNames[$0] == Self.committedAttribute && Self.isDerived(Self.committedAttribute, in: population) }
        Parallel.forEach(count: range.count, workerState: {
            (replicate: Replicate(population: population, tracked: groups, index: 0,
                                  rng: Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .dynamics), trainedGroup: trainedGroup,
                                  committedGroup: committedGroup),
             workspace: modelAt(range.lowerBound).makeWorkspace(population), frontier: [Int32]())
        }) { worker, i in
            let r = range.lowerBound + i, stream = first + r
            let model = modelAt(r)
            if varying && !M.workspaceServesAnyParameters { worker.workspace = model.makeWorkspace(population) }
            worker.replicate.reset(index: stream, rng: Xoshiro256PlusPlus(seed: seed, replicate: UInt64(stream), purpose: .dynamics))
            if tracksCommitment { worker.replicate.agents.useCommitment() }
            model.begin(&worker.replicate, &worker.workspace)
            for v in prepared.seeds(seed: seed, replicate: stream) { model.seed(&worker.replicate, &worker.workspace, agent: v) }
            /// Applies the interventions due at t, then lets the model answer what they changed.
            func intervene(_ t: Int) -> Bool {
                var acted = false
                for (i, x) in timeline.enumerated() where x.schedule.happens(at: t) {
                    worker.replicate.interventionRNG = InterventionStream.stream(seed: seed, replicate: stream, key: streamKeys[i],
                                                                                  occurrence: x.schedule.occurrence(at: t))
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
            func record(_ t: Int) {
                if committedGroup != nil { worker.replicate.refreshCommittedLevels(at: Self.committedLevel) }
                out.record(worker.replicate, replicate: r, step: t)
                let adopted = worker.replicate.stateCounts[2]
                if adopted > peak.value { peak = (adopted, t) }
            }
            if lastDue >= 0 { _ = intervene(0) }
            model.settle(&worker.replicate, &worker.workspace, at: 0)
            waning?.settle(&worker.replicate)
            record(0)
            var active = true
            for t in stride(from: 1, through: horizon, by: 1) {
                if active || t <= lastDue {
                    worker.replicate.time = t
                    swap(&worker.frontier, &worker.replicate.recent)
                    worker.replicate.recent.removeAll(keepingCapacity: true)
                    if lastDue >= 0 || waning != nil {
                        // Agents who left, were replaced or dropped out since adopting pass nothing on.
                        worker.frontier.removeAll { !worker.replicate.agents.isAdopted(Int($0)) }
                    }
                    if let waning, let influence { waning.wane(&worker.replicate, influence: influence) }
                    active = model.step(&worker.replicate, &worker.workspace, frontier: worker.frontier, to: t)
                    if t <= lastDue && intervene(t) { active = true }
                    model.settle(&worker.replicate, &worker.workspace, at: t)
                    if let waning {
                        waning.settle(&worker.replicate)
                        // Commitment keeps moving while anyone practises.
                        if worker.replicate.stateCounts[2] > 0 { active = true }
                    }
                    record(t)
                } else {
                    out.repeatPrevious(replicate: r, step: t)
                }
            }
            if recordAgents {
                let n = population.count
                for v in 0..<n { out.agentAdoptedAt[r * n + v] = Float(worker.replicate.agents.adoptedAt[v]) }
            }
            out.summaries[r] = ReplicateSummary(worker.replicate, reachSeries: out.reachSeries(replicate: r), peak: peak, groups: groups,
                                                groupNames: run.groupNames, crossAttribute: run.crossAttribute)
            if tracksCommitment {
                let agents = worker.replicate.agents
                out.summaries[r].recordCommitment(population: population.count, series: out.commitmentSeries(replicate: r)) { agents.commitment(of: $0) }
                if recordAgents {
                    let n = population.count
                    for v in 0..<n { out.agentCommitment[r * n + v] = Float(agents.commitment(of: v)) }
                }
            }
            model.finish(&worker.replicate, &worker.workspace)
            if self.progress != nil { run.done(1) }
        }
    }
}
