import Graphs
import NumericCore

/// Who an intervention reaches: the participants of an event, a training cohort, the agents removed.
/// Agents who have left (removed) are never chosen.
public enum Selection: Sendable, Equatable {
    /// Everyone still in the network.
    case everyone
    /// Each agent independently with this probability, per occurrence.
    case share(Double)
    /// `count` agents from each level of a categorical attribute (15 staff from each organisation);
    /// a level with fewer sends everyone it has. `values` restricts the levels.
    case perGroup(attribute: String, count: Int, values: [String]? = nil)
    /// Those practising at the time (the committed come to meetings).
    case adopters
    /// Those trained by an earlier training cohort (to connect the trained with each other).
    case trained
    /// Chosen as seeds are: random, top-ranked by degree/betweenness/…, by attribute, named.
    case strategy(SeedingStrategy)

    func validate(_ population: Population, _ what: String) throws {
        switch self {
        case .everyone, .adopters, .trained: break
        case let .share(p): try SimulationError.probability("\(what) share", p)
        case let .perGroup(attribute, count, values):
            let group = try population.group(attribute)
            guard count >= 0 else { throw SimulationError.outOfRange(parameter: "\(what) count per \(attribute)", value: Double(count), allowed: "≥ 0") }
            for value in values ?? [] where !group.levels.contains(value) {
                throw SimulationError.unknownValue(attribute: attribute, value: value, available: group.levels)
            }
        case .strategy: break  // checked when prepared
        }
    }

    /// For a per-group count, the groups smaller than the count (each sends everyone it has), with their sizes.
    public func shortfalls(_ population: Population) -> [(level: String, size: Int)] {
        guard case let .perGroup(attribute, count, values) = self, let group = try? population.group(attribute) else { return [] }
        var sizes = [Int](repeating: 0, count: group.levels.count)
        for code in group.codes where code >= 0 { sizes[Int(code)] += 1 }
        return group.levels.indices.filter { sizes[$0] < count && (values?.contains(group.levels[$0]) ?? true) }
            .map { (group.levels[$0], sizes[$0]) }
    }

    /// Rankings and pools, computed once per ensemble.
    func prepare(_ population: Population, seed: UInt64) throws -> Prepared {
        switch self {
        case .everyone: return .everyone
        case let .share(p): return .share(p)
        case .adopters: return .adopters
        case .trained: return .trained
        case let .perGroup(attribute, count, values):
            let group = try population.group(attribute)
            let levels = values.map { Set($0) }
            var pools = [[Int]](repeating: [], count: group.levels.count)
            for v in group.codes.indices where group.codes[v] >= 0 {
                let level = Int(group.codes[v])
                if levels?.contains(group.levels[level]) ?? true { pools[level].append(v) }
            }
            return .perGroup(pools.filter { !$0.isEmpty }, count: count)
        case let .strategy(strategy):
            return .strategy(try strategy.prepare(population, seed: seed))
        }
    }

    enum Prepared: Sendable {
        case everyone
        case share(Double)
        case adopters
        case trained
        case perGroup([[Int]], count: Int)
        case strategy(SeedingStrategy.Prepared)

        /// The agents chosen for one occurrence in one replicate, in a deterministic order.
        func choose(_ r: inout Replicate) -> [Int] {
            let agents = r.agents
            return choose(count: r.population.count, using: &r.interventionRNG, adopted: { agents.isAdopted($0) },
                          trained: { agents.isTrained($0) }, removed: { agents.isRemoved($0) })
        }

        /// The same choice for any kernel that keeps agent state its own way (the batched commitment
        /// matrix): the same draws from the same stream, so every kernel picks the same people.
        func choose(count n: Int, using rng: inout Xoshiro256PlusPlus, adopted: (Int) -> Bool, trained: (Int) -> Bool,
                    removed: (Int) -> Bool) -> [Int] {
            var chosen: [Int]
            switch self {
            case .everyone: chosen = Array(0..<n)
            case .adopters: chosen = (0..<n).filter(adopted)
            case .trained: chosen = (0..<n).filter(trained)
            case let .share(p):
                chosen = []
                let skip = GeometricSkip(probability: p)
                if p > 0 {
                    var v = skip.nextSkip(using: &rng)
                    while v < n {
                        chosen.append(v)
                        let s = skip.nextSkip(using: &rng)
                        v = s >= n - v ? n : v + s + 1
                    }
                }
            case let .perGroup(pools, count):
                chosen = []
                for pool in pools {
                    let present = pool.filter { !removed($0) }
                    if present.count <= count {
                        chosen += present
                    } else {
                        chosen += rng.sampleWithoutReplacement(count, from: present.count).map { present[$0] }
                    }
                }
                return chosen
            case let .strategy(prepared):
                chosen = prepared.draw(using: &rng)
            }
            return chosen.filter { !removed($0) }
        }
    }
}
