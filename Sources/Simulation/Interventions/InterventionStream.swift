import NumericCore
/// The random stream of one intervention occurrence: keyed by the intervention's label (with how
/// many earlier interventions share it) and which occurrence it is (first, second, …), under (seed,
/// replicate, interventions). An arm that removes or changes one intervention leaves every other
/// occurrence's draws as they were, and an arm that moves or spaces out the meetings gives the k-th
/// meeting the same draws: common random numbers stay in step across arms.
public enum InterventionStream {
    /// One key per intervention, in list order.
    public static func keys(_ interventions: [any Intervention]) -> [UInt64] {
        var seen: [String: UInt64] = [:]
        return interventions.map { x in
            let k = seen[x.label, default: 0]
            seen[x.label] = k + 1
            return StreamPurpose("intervention:\(x.label)").key &+ k &* 0x9E37_79B9_7F4A_7C15
        }
    }

    public static func stream(seed: UInt64, replicate: Int, key: UInt64, occurrence: Int) -> Xoshiro256PlusPlus {
        Xoshiro256PlusPlus(seed: seed, replicate: UInt64(replicate), purpose: .interventions,
                           substream: key ^ (UInt64(occurrence) &* 0xD6E8_FEB8_6659_FD93))
    }
}
