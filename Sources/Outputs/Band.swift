/// A measure across replicates: mean, standard deviation and the 95% band (2.5% and 97.5%
/// quantiles), as `summary.json`, `summary.csv` and `timeseries.csv` give it.
public struct Band: Codable, Sendable, Equatable {
    public var mean: Double
    public var sd: Double
    public var low: Double
    public var high: Double

    public init(mean: Double, sd: Double, low: Double, high: Double) {
        self.mean = mean
        self.sd = sd
        self.low = low
        self.high = high
    }
}
