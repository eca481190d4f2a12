import NumericCore

/// Commitment dynamics for all R replicates at once, as one n × R matrix: the social term is one
/// sparse-times-dense product W·A per step on the numeric core (A the 0/1 activity of every agent
/// in every replicate), the rest elementwise over contiguous rows. Taken where every intervention
/// only boosts commitment (meetings without new ties, training or departures); replicate r's
/// noise and attendance come from its own streams, drawn in the frontier kernel's order, so both
/// kernels give the same results and neither depends on the thread count.
struct CommitmentMatrix: BatchedKernel {
    let model: CommitmentDynamics
    var name: String { "matrix" }
    var pilotReachShare: Double? { nil }

    func run(_ run: EnsembleRun, replicates range: Range<Int>) throws {
        let population = run.population, groups = run.groups, out = run.recorder, seed = run.ensemble.seed
        let n = population.count, R = range.count, steps = run.steps, horizon = run.ensemble.horizon
        let w = population.influenceMatrix(useWeights: model.useWeights)
        let events = run.timeline.map { $0 as! NetworkEvent }
        // n × R, row-major: row v holds agent v in every replicate, as SpMM wants.
        var commitment = Matrix<Double>(rows: n, columns: R, repeating: model.baseCommitment)
        var activity = Matrix<Double>(rows: n, columns: R)
        var social = Matrix<Double>(rows: n, columns: R)
        // Per cell: 0 never active, 1 active, 2 lapsed; first activation step (−1 never).
        var status = [UInt8](repeating: 0, count: n * R)
        var firstActive = [Int32](repeating: -1, count: n * R)
        for r in 0..<R {
            for v in run.prepared.seeds(seed: seed, replicate: range.lowerBound + r) { commitment[v, r] = model.seedCommitment }
        }
        var noiseStreams = (0..<R).map { Xoshiro256PlusPlus(seed: seed, replicate: UInt64(range.lowerBound + $0), purpose: .dynamics) }
        let eventKeys = InterventionStream.keys(run.timeline)
        var column = [Double](repeating: 0, count: n)
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
        /// agent order, as the frontier kernel does, so results do not change.
        func settle(_ t: Int) {
            counts.initialize(repeating: 0)
            reached.initialize(repeating: 0)
            sums.initialize(repeating: 0)
            commitment.withUnsafeBufferPointer { c in
            activity.withUnsafeMutableBufferPointer { a in
            status.withUnsafeMutableBufferPointer { st in
            firstActive.withUnsafeMutableBufferPointer { fa in
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
                            out.groupCounts[out.groupIndex(g, level: levels[g], state: s, replicate: range.lowerBound + r, step: t)] += 1
                        }
                    }
                }
            }
            }
            }
            }
            for r in 0..<R {
                let rr = range.lowerBound + r
                for s in 0..<S { out.setState(s, Int32(counts[r * S + s]), replicate: rr, step: t) }
                out.setReach(Int32(reached[r]), replicate: rr, step: t)
                out.setCommitment(sum: sums[r], replicate: rr, step: t)
            }
        }

        /// The events due at t: attendees chosen as the frontier kernel chooses them, commitment raised.
        func meet(_ t: Int) {
            for (i, event) in events.enumerated() where event.schedule.happens(at: t) {
                for r in 0..<R {
                    var stream = InterventionStream.stream(seed: seed, replicate: range.lowerBound + r, key: eventKeys[i],
                                                                occurrence: event.schedule.occurrence(at: t))
                    _ = NetworkEvent.partSeeds(&stream)
                    let people = event.ready!.choose(count: n, using: &stream, adopted: { status[$0 * R + r] == 1 },
                                                     trained: { _ in false }, removed: { _ in false })
                    guard event.boost > 0 else { continue }
                    for v in people { commitment[v, r] = min(1, commitment[v, r] + event.boost) }
                }
            }
        }

        meet(0)
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
            meet(t)
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
            let rr = range.lowerBound + r
            var summary = ReplicateSummary()
            summary.recordReach(out.reachSeries(replicate: rr), population: n)
            summary.finalAdopted = Int(out.stateCounts[(rr * steps + horizon) * S + Int(AdoptionState.adopted.rawValue)])
            var peak = (value: 0, time: 0)
            for t in 0..<steps {
                let adopted = Int(out.stateCounts[(rr * steps + t) * S + Int(AdoptionState.adopted.rawValue)])
                if adopted > peak.value { peak = (adopted, t) }
            }
            summary.peakAdopted = peak.value
            summary.peakTime = peak.time
            summary.lapses = lapseCounts[r]
            if let a = run.crossAttribute {
                let group = groups[a]
                var reached = [Double](repeating: 0, count: group.levels.count), size = reached
                for v in 0..<n where group.codes[v] >= 0 {
                    size[Int(group.codes[v])] += 1
                    if firstActive[v * R + r] >= 0 { reached[Int(group.codes[v])] += 1 }
                }
                summary.inequalityAttribute = run.groupNames[a]
                summary.reachInequality = ReplicateSummary.inequality(reached: reached, size: size)
            }
            summary.recordCommitment(population: n, series: out.commitmentSeries(replicate: rr)) { commitment[$0, r] }
            out.summaries[rr] = summary
        }
        if run.ensemble.recordAgents {
            for r in 0..<R {
                for v in 0..<n {
                    out.agentAdoptedAt[(range.lowerBound + r) * n + v] = Float(firstActive[v * R + r])
                    out.agentCommitment[(range.lowerBound + r) * n + v] = Float(commitment[v, r])
                }
            }
        }
        if run.ensemble.progress != nil { run.done(R) }
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
