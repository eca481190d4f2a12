import Foundation

/// Bass diffusion on a network (Bass 1969): each step of length Δt, an unaware agent adopts with
/// probability 1 − exp(−(p + q·a)Δt), where p is innovation (outside influence: training,
/// communications) and q imitation, scaled by a, the share of its in-neighbours who have adopted.
/// On a complete graph with small Δt this follows Bass's closed-form curve
/// F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)e^{−(p+q)t}).
public struct BassDiffusion: DiffusionModel {
    public static let name = "bass"
    public var innovation: Double
    public var imitation: Double
    /// Length of one step in the model's time unit (1: a step is a unit of time).
    public var stepLength: Double

    public init(innovation p: Double, imitation q: Double, stepLength: Double = 1) {
        innovation = p
        imitation = q
        self.stepLength = stepLength
    }

    public func validate(_ population: Population) throws {
        try SimulationError.nonNegative("bass innovation p", innovation)
        try SimulationError.nonNegative("bass imitation q", imitation)
        guard stepLength > 0, stepLength.isFinite else {
            throw SimulationError.outOfRange(parameter: "bass step length", value: stepLength, allowed: "> 0")
        }
    }

    public struct Workspace {
        var adoptedNeighbours: [Int32]
        /// This step's adopters, in index order (room for everyone).
        var candidates: [Int32]
        /// Each agent's chance of adopting this step, 1 − exp(−(p + q·a)Δt), kept until its count of
        /// adopting neighbours changes: most agents' counts do not change from one step to the next,
        /// and the exponential was half of a step's time.
        var chance: [Double]
        /// Agents whose count changed since their chance was computed.
        var changed: [UInt32]
        /// The agents who may still adopt (state below adopted when last looked at), in index order,
        /// so a step draws for them alone, in the order a scan of everyone would, instead of passing
        /// over every adopter again. Rebuilt when a newcomer arrives (`stale`).
        var open: [Int32] = []
        var stale = true
        /// The chance for in-degree d ≤ `tableDegree` and count c (clamped to d, where the share is
        /// already 1), filled as met: the same few values recur across agents and steps.
        var table: [Double]
        /// The table's row width less one: the population's largest in-degree (at least 1, at most 64).
        let tableDegree: Int
        /// The (p, q, Δt) the table was filled for: a workspace serves any value of the model
        /// (a calibration's draws), and `begin` empties the table when they change.
        var tableKey = SIMD3<Double>(repeating: .nan)
    }

    static let largestTableDegree = 64

    public func makeWorkspace(_ population: Population) -> Workspace {
        let d = min(Self.largestTableDegree, max(1, Int(population.inDegree.max() ?? 0)))
        return Workspace(adoptedNeighbours: [Int32](repeating: 0, count: population.count),
                         candidates: [Int32](repeating: 0, count: population.count),
                         chance: [Double](repeating: 0, count: population.count), changed: [],
                         table: [Double](repeating: .nan, count: (d + 1) * (d + 1)), tableDegree: d)
    }

    public static var workspaceServesAnyParameters: Bool { true }

    /// 1 − exp(−(p + q·share)Δt) for `count` adopting contacts of `degree`.
    @inline(__always) func chance(count: Int, degree: Int) -> Double {
        let share = min(1, Double(count) / Double(max(1, degree)))
        return -expm1(-((innovation + imitation * share) * stepLength))
    }

    /// The same from the table for degrees below `width`, filled as met (counts past the degree
    /// have share 1, as the degree itself does: the same entry).
    @inline(__always) func chance(count c: Int, degree d: Int, table: UnsafeMutableBufferPointer<Double>, width: Int) -> Double {
        guard d < width else { return chance(count: c, degree: d) }
        let k = d * width + min(c, max(d, 1))
        if table[k].isNaN { table[k] = chance(count: c, degree: d) }
        return table[k]
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        let key = SIMD3(innovation, imitation, stepLength)
        if w.tableKey != key {
            for k in w.table.indices { w.table[k] = .nan }
            w.tableKey = key
        }
        let base = -expm1(-innovation * stepLength)
        for u in w.chance.indices { w.chance[u] = base }
        w.changed.removeAll(keepingCapacity: true)
        w.stale = true
    }

    /// A newcomer is unaware again: the list of who may still adopt is rebuilt before the next draw.
    public func arrived(_ r: inout Replicate, _ w: inout Workspace, agent u: Int) { w.stale = true }

    /// Ties added by interventions count as adopting contacts (the share is capped at 1).
    public static var interventionSupport: InterventionSupport { [.addedTies, .departures] }

    public func tieAdded(_ r: inout Replicate, _ w: inout Workspace, from v: Int, to u: Int) {
        w.adoptedNeighbours[u] += 1
        w.changed.append(UInt32(u))
    }

    public func finish(_ r: inout Replicate, _ w: inout Workspace) {
        r.resetPushed(&w.adoptedNeighbours, to: 0)
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let population = r.population
        // Each new adopter's contacts count one more adopting contact and take their new chance at
        // once (a function of in-degree and count alone, so the last write is the one a pass after
        // all the counting would make).
        let width = w.tableDegree + 1
        population.offsets.withUnsafeBufferPointer { offsets in
        population.targets.withUnsafeBufferPointer { targets in
        population.inDegree.withUnsafeBufferPointer { inDegree in
        w.adoptedNeighbours.withUnsafeMutableBufferPointer { counts in
        w.chance.withUnsafeMutableBufferPointer { chance in
        w.table.withUnsafeMutableBufferPointer { table in
            for v in frontier {
                for p in offsets[Int(v)]..<offsets[Int(v) + 1] {
                    let u = Int(targets[p])
                    counts[u] += 1
                    chance[u] = self.chance(count: Int(counts[u]), degree: Int(inDegree[u]), table: table, width: width)
                }
            }
        }
        }
        }
        }
        }
        }
        for v in frontier {
            for u in r.overlay.liveTargets(from: Int(v), at: r.time) {
                w.adoptedNeighbours[u] += 1
                w.changed.append(UInt32(u))
            }
        }
        // A new chance for every agent whose count moved by an added tie (an agent may be listed twice).
        if !w.changed.isEmpty {
            w.table.withUnsafeMutableBufferPointer { table in
                for u32 in w.changed {
                    let u = Int(u32)
                    w.chance[u] = chance(count: Int(w.adoptedNeighbours[u]), degree: Int(population.inDegree[u]), table: table, width: width)
                }
            }
            w.changed.removeAll(keepingCapacity: true)
        }
        // Every agent who has not adopted draws once per step (synchronous update: decisions use
        // last step's adopters), in index order; those who adopted since are dropped from the list.
        let adopted = AdoptionState.adopted.rawValue
        var rng = r.rng
        var remaining = 0, chosen = 0
        // Read in place: a copy of the states held past `adopt` below would make it copy the array.
        r.agents.state.withUnsafeBufferPointer { state in
            if w.stale {
                w.open.removeAll(keepingCapacity: true)
                for u in 0..<population.count where state[u] < adopted { w.open.append(Int32(u)) }
                w.stale = false
            }
            w.chance.withUnsafeBufferPointer { chance in
            w.candidates.withUnsafeMutableBufferPointer { candidates in
            w.open.withUnsafeMutableBufferPointer { open in
                for i in 0..<open.count {
                    let u = open[i]
                    guard state[Int(u)] < adopted else { continue }
                    open[remaining] = u
                    remaining += 1
                    // Written always, kept when the draw says so: no branch to mispredict.
                    candidates[chosen] = u
                    chosen += rng.nextUnitDouble() < chance[Int(u)] ? 1 : 0
                }
            }
            }
            }
        }
        r.rng = rng
        w.open.removeLast(w.open.count - remaining)
        for i in 0..<chosen { r.adopt(Int(w.candidates[i]), at: Double(t)) }
        return remaining > r.recent.count && (innovation > 0 || imitation > 0)
    }
}

extension BassDiffusion: CatalogModel {
    public static let summary = "network Bass diffusion: adoption from outside (innovation p) and from adopting contacts (imitation q)"
    public static let parameters = [
        CatalogParameter("innovation", .nonNegative, required: true, "p: adoption rate from outside influence"),
        CatalogParameter("imitation", .nonNegative, required: true, "q: adoption rate from the share of adopting contacts"),
        CatalogParameter("step_length", .positive, default: "1", "time units per step"),
    ]

    public init(parameters: CatalogValues) throws {
        self.init(innovation: try parameters.requiredNumber("innovation"), imitation: try parameters.requiredNumber("imitation"),
                  stepLength: parameters.number("step_length", default: 1))
    }
}
