/// The `measure` column of `timeseries.csv`: people in each state (`unaware`, `aware`, `adopted` —
/// practising now — `lapsed`, `removed`), `reach` (ever adopted) and `commitment` (the mean).
/// The states are the simulator's adoption states, in its order.
public enum RunMeasure: String, CaseIterable, Sendable {
    case unaware, aware, adopted, lapsed, removed, reach, commitment

    /// The measures that count people by state: in every breakdown row, and summing to the group's size.
    public static let states: [RunMeasure] = [.unaware, .aware, .adopted, .lapsed, .removed]
}
