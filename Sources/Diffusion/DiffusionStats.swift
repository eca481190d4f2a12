/// Everything `skein diffusion stats` reports about one dataset: the curve, thresholds at each
/// lag, adopter categories, Bass fits under every convention, and how the fit drifts with the
/// number of periods. Codable as the `--json` output.
public struct DiffusionStats: Sendable, Codable {
    public var people: Int
    public var adopters: Int
    public var periods: Int
    public var firstPeriod: Int
    public var nonAdopters: String
    public var ties: Int
    public var exposure: String
    public var curve: AdoptionCurve
    public var thresholds: [ValenteThresholds]
    public var categories: AdopterCategories
    public var bass: [BassFit]
    public var drift: [BassFit]

    public init(_ data: DiffusionData, exposure: Exposure = Exposure(), lags: [Int] = [0, 1], driftFrom: Int = 5) {
        people = data.count
        adopters = data.adopters
        periods = data.periods
        firstPeriod = data.firstPeriodValue
        nonAdopters = data.nonAdopters.rawValue
        ties = data.graph.edgeCount
        self.exposure = "\(exposure.direction.rawValue) ties, \(exposure.weighted ? "weighted" : "unweighted"), \(exposure.normalised ? "share" : "count")"
        curve = AdoptionCurve(data)
        thresholds = lags.map { ValenteThresholds(data, exposure: exposure, lag: $0) }
        categories = AdopterCategories(data)
        bass = BassFit.Convention.allCases.map { BassFit(data, convention: $0) }
        drift = BassFit.drift(data, convention: .censoredFreeMarket, from: driftFrom)
    }

    enum CodingKeys: String, CodingKey {
        case people, adopters, periods, firstPeriod = "first_period", nonAdopters = "non_adopters", ties, exposure, curve
        case thresholds, categories, bass, drift
    }
}
