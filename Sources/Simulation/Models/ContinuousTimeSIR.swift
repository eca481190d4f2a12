import NumericCore

/// Adoption with abandonment in exact continuous time (SIR): an adopter converts each susceptible
/// neighbour after an Exp(τ) delay, unless it abandons first after its own Exp(γ) delay. Simulated
/// event by event with a binary heap (the next-reaction scheme of EoN's fast_SIR, Kiss, Miller &
/// Simon 2017): each adoption schedules its abandonment and only those transmissions that come
/// before it, so the cost is O(transmission attempts · log events). States are recorded at whole
/// time units (step t holds the state at time t).
public struct ContinuousTimeSIR: DiffusionModel {
    public static let name = "continuous-sir"
    public var transmissionRate: Double
    public var abandonmentRate: Double

    public init(transmissionRate tau: Double, abandonmentRate gamma: Double) {
        transmissionRate = tau
        abandonmentRate = gamma
    }

    public func validate(_ population: Population) throws {
        try SimulationError.nonNegative("continuous-sir transmission rate τ", transmissionRate)
        try SimulationError.nonNegative("continuous-sir abandonment rate γ", abandonmentRate)
    }

    public struct Workspace {
        var heap = EventQueue()
        /// Earliest scheduled adoption time per node (+∞ when none).
        var earliest: [Double]
        var scheduled: [Bool]
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        Workspace(earliest: [Double](repeating: .infinity, count: population.count),
                  scheduled: [Bool](repeating: false, count: population.count))
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        w.heap.removeAll()
    }

    public func finish(_ r: inout Replicate, _ w: inout Workspace) {
        // Scheduled agents adopted (touched); earliest times were set on their neighbours.
        for v in r.touched { w.scheduled[Int(v)] = false }
        r.forEachNeighbourOfTouched { w.earliest[$0] = .infinity }
    }

    static let abandonmentMark: Int32 = -2

    /// Schedules v's abandonment and the transmissions that beat it.
    @inline(__always)
    func schedule(_ v: Int, at time: Double, _ r: inout Replicate, _ w: inout Workspace) {
        w.scheduled[v] = true
        let recovery = time + r.rng.exponential(rate: abandonmentRate)
        w.heap.push(.init(time: recovery, node: Int32(v), source: Self.abandonmentMark, epoch: 0))
        guard transmissionRate > 0 else { return }
        let population = r.population
        let adopted = AdoptionState.adopted.rawValue
        for p in population.offsets[v]..<population.offsets[v + 1] {
            let u = Int(population.targets[p])
            guard r.agents.state[u] < adopted else { continue }
            let at = time + r.rng.exponential(rate: transmissionRate)
            if at < recovery && at < w.earliest[u] {
                w.earliest[u] = at
                w.heap.push(.init(time: at, node: Int32(u), source: Int32(v), epoch: 0))
            }
        }
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        // Adopters from seeding or interventions start their clocks when they adopted.
        for v in frontier where !w.scheduled[Int(v)] && r.agents.isAdopted(Int(v)) {
            schedule(Int(v), at: max(r.agents.adoptedAt[Int(v)], Double(t - 1)), &r, &w)
        }
        let until = Double(t)
        let adopted = AdoptionState.adopted.rawValue
        while let next = w.heap.first, next.time <= until {
            let e = w.heap.pop()
            let v = Int(e.node)
            if e.source == Self.abandonmentMark {
                if r.agents.isAdopted(v) { r.lapse(v) }
            } else if r.agents.state[v] < adopted && e.time == w.earliest[v] {
                r.adopt(v, at: e.time, from: e.source)
                schedule(v, at: e.time, &r, &w)
            }
        }
        return !w.heap.isEmpty
    }
}

extension ContinuousTimeSIR: CatalogModel {
    public static let summary = "continuous-time adoption and abandonment, event-driven (Gillespie); abandoners stay out"
    public static let parameters = [
        CatalogParameter("transmission_rate", .nonNegative, required: true, "τ: rate per adopting contact"),
        CatalogParameter("abandonment_rate", .nonNegative, required: true, "γ: rate at which an adopter stops"),
    ]

    public init(parameters: CatalogValues) throws {
        self.init(transmissionRate: try parameters.requiredNumber("transmission_rate"),
                  abandonmentRate: try parameters.requiredNumber("abandonment_rate"))
    }
}
