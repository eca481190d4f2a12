import NumericCore

/// Adoption with abandonment and re-adoption in exact continuous time (SIS): while an agent
/// practises, it converts each neighbour at the times of a Poisson process of rate τ; it abandons
/// after an Exp(γ) time and can then be converted again. Simulated event by event (as EoN's
/// fast_SIS, Kiss, Miller & Simon 2017): each adoption draws its abandonment time and, along each
/// arc, the first transmission before it; a transmission schedules the next one on the same arc.
/// Events carry the source's adoption epoch, so those of an ended practice period are skipped.
public struct ContinuousTimeSIS: DiffusionModel {
    public static let name = "continuous-sis"
    public var transmissionRate: Double
    public var abandonmentRate: Double

    public init(transmissionRate tau: Double, abandonmentRate gamma: Double) {
        transmissionRate = tau
        abandonmentRate = gamma
    }

    public func validate(_ population: Population) throws {
        try SimulationError.nonNegative("continuous-sis transmission rate τ", transmissionRate)
        try SimulationError.nonNegative("continuous-sis abandonment rate γ", abandonmentRate)
    }

    public struct Workspace {
        var queue = EventQueue()
        /// Current practice period of each agent (0: never adopted) and when it ends.
        var epoch: [UInt32]
        var ends: [Double]
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        Workspace(epoch: [UInt32](repeating: 0, count: population.count), ends: [Double](repeating: 0, count: population.count))
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) { w.queue.removeAll() }

    public func finish(_ r: inout Replicate, _ w: inout Workspace) {
        for v in r.touched { w.epoch[Int(v)] = 0 }
    }

    static let abandonmentMark: Int32 = -2

    /// Starts a practice period for v at `time`: its end, and each arc's first transmission before it.
    func start(_ v: Int, at time: Double, _ r: inout Replicate, _ w: inout Workspace) {
        w.epoch[v] &+= 1
        let epoch = w.epoch[v]
        let end = time + r.rng.exponential(rate: abandonmentRate)
        w.ends[v] = end
        w.queue.push(.init(time: end, node: Int32(v), source: Self.abandonmentMark, epoch: epoch))
        guard transmissionRate > 0 else { return }
        let population = r.population
        for p in population.offsets[v]..<population.offsets[v + 1] {
            let at = time + r.rng.exponential(rate: transmissionRate)
            if at < end { w.queue.push(.init(time: at, node: Int32(population.targets[p]), source: Int32(v), epoch: epoch)) }
        }
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        // Adopters from seeding or interventions start their periods when they adopted.
        for v in frontier where r.agents.isAdopted(Int(v)) && (w.epoch[Int(v)] == 0 || w.ends[Int(v)] < r.agents.adoptedAt[Int(v)]) {
            start(Int(v), at: max(r.agents.adoptedAt[Int(v)], Double(t - 1)), &r, &w)
        }
        let until = Double(t)
        let adopted = AdoptionState.adopted.rawValue
        while let next = w.queue.first, next.time <= until {
            let e = w.queue.pop()
            let v = Int(e.node)
            if e.source == Self.abandonmentMark {
                if e.epoch == w.epoch[v] && r.agents.isAdopted(v) { r.lapse(v) }
                continue
            }
            let u = Int(e.source)
            // A transmission counts only while its source's period is still the one that sent it.
            guard e.epoch == w.epoch[u], r.agents.isAdopted(u) else { continue }
            if r.agents.state[v] != adopted {
                r.adopt(v, at: e.time, from: e.source)
                start(v, at: e.time, &r, &w)
            }
            // The next transmission along the same arc, if before the source abandons.
            let again = e.time + r.rng.exponential(rate: transmissionRate)
            if again < w.ends[u] { w.queue.push(.init(time: again, node: e.node, source: e.source, epoch: e.epoch)) }
        }
        return !w.queue.isEmpty
    }
}

extension ContinuousTimeSIS: CatalogModel {
    public static let summary = "continuous-time adoption and abandonment, event-driven (Gillespie); abandoners can adopt again"
    /// The same rates as the SIR variant's.
    public static var parameters: [CatalogParameter] { ContinuousTimeSIR.parameters }

    public init(parameters: CatalogValues) throws {
        self.init(transmissionRate: try parameters.requiredNumber("transmission_rate"),
                  abandonmentRate: try parameters.requiredNumber("abandonment_rate"))
    }
}
