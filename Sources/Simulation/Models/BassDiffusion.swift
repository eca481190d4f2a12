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
        var candidates: [Int32]
        /// Each agent's chance of adopting this step, 1 − exp(−(p + q·a)Δt), kept until its count of
        /// adopting neighbours changes: most agents' counts do not change from one step to the next,
        /// and the exponential was half of a step's time.
        var chance: [Double]
        /// Agents whose count changed since their chance was computed.
        var changed: [UInt32]
        /// The chance for in-degree d ≤ `tableDegree` and count c (clamped to d, where the share is
        /// already 1), filled as met: the same few values recur across agents and steps.
        var table: [Double]
    }

    static let tableDegree = 64

    public func makeWorkspace(_ population: Population) -> Workspace {
        Workspace(adoptedNeighbours: [Int32](repeating: 0, count: population.count), candidates: [],
                  chance: [Double](repeating: 0, count: population.count), changed: [],
                  table: [Double](repeating: .nan, count: (Self.tableDegree + 1) * (Self.tableDegree + 1)))
    }

    /// 1 − exp(−(p + q·share)Δt) for `count` adopting contacts of `degree`.
    @inline(__always) func chance(count: Int, degree: Int) -> Double {
        let share = min(1, Double(count) / Double(max(1, degree)))
        return -expm1(-((innovation + imitation * share) * stepLength))
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        let base = -expm1(-innovation * stepLength)
        for u in w.chance.indices { w.chance[u] = base }
        w.changed.removeAll(keepingCapacity: true)
    }

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
        for v in frontier {
            for p in population.offsets[Int(v)]..<population.offsets[Int(v) + 1] {
                let u = population.targets[p]
                w.adoptedNeighbours[Int(u)] += 1
                w.changed.append(u)
            }
            for u in r.overlay.liveTargets(from: Int(v), at: r.time) {
                w.adoptedNeighbours[u] += 1
                w.changed.append(UInt32(u))
            }
        }
        // A new chance for every agent whose count moved (an agent may be listed twice).
        for u32 in w.changed {
            let u = Int(u32)
            let d = Int(population.inDegree[u]), c = Int(w.adoptedNeighbours[u])
            if d <= Self.tableDegree {
                // Counts past the degree have share 1, as the degree itself does: the same entry.
                let k = d * (Self.tableDegree + 1) + min(c, max(d, 1))
                if w.table[k].isNaN { w.table[k] = chance(count: c, degree: d) }
                w.chance[u] = w.table[k]
            } else {
                w.chance[u] = chance(count: c, degree: d)
            }
        }
        w.changed.removeAll(keepingCapacity: true)
        // Every unaware agent draws once per step (synchronous update: decisions use last step's adopters).
        let adopted = AdoptionState.adopted.rawValue
        w.candidates.removeAll(keepingCapacity: true)
        var remaining = 0
        for u in 0..<population.count where r.agents.state[u] < adopted {
            remaining += 1
            if r.rng.nextUnitDouble() < w.chance[u] { w.candidates.append(Int32(u)) }
        }
        for u in w.candidates { r.adopt(Int(u), at: Double(t)) }
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
