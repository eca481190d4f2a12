/// Adoption per period: new adopters, cumulative count and share of everyone, and the hazard
/// (new adopters ÷ those who had not adopted before the period).
public struct AdoptionCurve: Sendable, Codable, Equatable {
    public struct Period: Sendable, Codable, Equatable {
        public var period: Int
        /// The data's own value of the period (a year, a month number).
        public var value: Int
        public var adopters: Int
        public var cumulative: Int
        public var cumulativeShare: Double
        public var hazard: Double
    }

    public var periods: [Period]

    public init(_ data: DiffusionData) {
        var counts = [Int](repeating: 0, count: data.periods + 1)
        for a in data.adoption { if let a { counts[a] += 1 } }
        var cumulative = 0
        periods = (1...max(1, data.periods)).map { t in
            let atRisk = data.count - cumulative
            cumulative += counts[t]
            return Period(period: t, value: data.periodValue(t), adopters: counts[t], cumulative: cumulative,
                          cumulativeShare: Double(cumulative) / Double(max(1, data.count)),
                          hazard: atRisk > 0 ? Double(counts[t]) / Double(atRisk) : 0)
        }
    }

    /// Cumulative share of everyone at periods 1…T.
    public var shares: [Double] { periods.map(\.cumulativeShare) }
}
