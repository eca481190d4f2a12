import NumericCore

/// Whether contagion is distinguishable from shared timing (the idea of netdiffuseR's
/// `struct_test`): adoption times are permuted among the members of each group (town, village),
/// which keeps each group's curve and breaks who-adopted-after-whom, and the network hazard's q is
/// refitted each time. A q no larger than the permuted ones is not evidence of contagion.
public struct ContagionPermutationTest: Sendable, Codable {
    public var permutations: Int
    public var seed: UInt64
    public var observedQ: Double
    public var meanQ: Double
    public var percentile95: Double
    /// (1 + #{permuted q ≥ observed q}) / (1 + permutations): the one-sided p (Phipson & Smyth 2010).
    public var pValue: Double
    /// Whether times were permuted within groups (false: across everyone, when the data have none).
    public var withinGroups: Bool

    public init(_ data: DiffusionData, model: NetworkHazardModel, permutations: Int = 200, seed: UInt64 = 0) throws {
        self.permutations = permutations
        self.seed = seed
        var constant = model
        constant.baseline = .constant
        observedQ = try constant.fit(data).q.estimate
        let members: [[Int]]
        if let groups = data.groups {
            var byGroup: [Int32: [Int]] = [:]
            for (i, g) in groups.enumerated() { byGroup[g, default: []].append(i) }
            members = byGroup.keys.sorted().map { byGroup[$0]! }
            withinGroups = true
        } else {
            members = [Array(0..<data.count)]
            withinGroups = false
        }
        var qs = [Double](repeating: .nan, count: permutations)
        qs.withUnsafeMutableBufferPointer { out in
            // Each permutation from its own stream: the same numbers at any thread count.
            Parallel.forEach(count: permutations) { k in
                var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(k), purpose: .permutation)
                var adoption = data.adoption
                for group in members {
                    var times = group.map { data.adoption[$0] }
                    rng.shuffle(&times)
                    for (i, person) in group.enumerated() { adoption[person] = times[i] }
                }
                out[k] = (try? constant.fit(data.with(adoption: adoption)).q.estimate) ?? .nan
            }
        }
        let valid = qs.filter { !$0.isNaN }.sorted()
        meanQ = valid.isEmpty ? .nan : valid.reduce(0, +) / Double(valid.count)
        percentile95 = valid.isEmpty ? .nan : Self.quantile(valid, 0.95)
        let observed = observedQ
        pValue = Double(1 + valid.filter { $0 >= observed }.count) / Double(1 + valid.count)
    }

    /// Type 7 quantile (NumPy's default) of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    enum CodingKeys: String, CodingKey {
        case permutations, seed, observedQ = "observed_q", meanQ = "mean_q", percentile95 = "q_95th_percentile", pValue = "p_value"
        case withinGroups = "within_groups"
    }
}
