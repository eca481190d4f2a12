/// Rogers's adopter categories from the time of adoption: innovators (before μ − 2σ), early
/// adopters (μ − 2σ to μ − σ), early majority (μ − σ to μ), late majority (μ to μ + σ) and laggards
/// (μ + σ on), μ and σ the mean and standard deviation of adopters' periods; and non-adopters.
public struct AdopterCategories: Sendable, Codable, Equatable {
    public static let names = ["innovators", "early adopters", "early majority", "late majority", "laggards", "non-adopters"]

    public var mean: Double
    public var standardDeviation: Double
    /// People per category, in the order of `names`.
    public var counts: [Int]
    /// Each person's category (an index into `names`).
    public var categories: [Int]

    public init(_ data: DiffusionData) {
        let times = data.adoption.compactMap { $0 }.map(Double.init)
        let n = Double(times.count)
        mean = n > 0 ? times.reduce(0, +) / n : .nan
        let m = mean
        standardDeviation = n > 1 ? (times.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot() : 0
        let s = standardDeviation
        categories = data.adoption.map { a in
            guard let a else { return 5 }
            let t = Double(a)
            if t < m - 2 * s { return 0 }
            if t < m - s { return 1 }
            if t < m { return 2 }
            if t < m + s { return 3 }
            return 4
        }
        var c = [Int](repeating: 0, count: 6)
        for k in categories { c[k] += 1 }
        counts = c
    }

    enum CodingKeys: String, CodingKey { case mean, standardDeviation = "sd", counts }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mean = try c.decode(Double.self, forKey: .mean)
        standardDeviation = try c.decode(Double.self, forKey: .standardDeviation)
        counts = try c.decode([Int].self, forKey: .counts)
        categories = []
    }
}
