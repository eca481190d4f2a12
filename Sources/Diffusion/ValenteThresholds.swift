/// Valente's network thresholds: each adopter's exposure when they adopted (lag 0), or the period
/// before (lag 1 and more: what they had seen before deciding). Adopters only by default; counting
/// the coded non-adopters (at their coded period, when almost everyone around them has adopted)
/// inflates the mean, and the summary says by how much.
public struct ValenteThresholds: Sendable, Codable, Equatable {
    public var lag: Int
    /// Over adopters whose adoption period minus the lag is observed.
    public var mean: Double
    public var median: Double
    public var count: Int
    /// Share of those adopters with no exposed alter at all.
    public var shareAtZero: Double
    /// Counting non-adopters too, at the period after the last (lag 0 only; nil otherwise).
    public var meanIncludingNonAdopters: Double?
    public var countIncludingNonAdopters: Int?
    /// Per person (nil where undefined: a non-adopter, or an adoption in the first `lag` periods).
    public var values: [Double?]

    public init(_ data: DiffusionData, exposure: Exposure = Exposure(), lag: Int = 0) {
        self.lag = lag
        values = (0..<data.count).map { i in
            guard let a = data.adoption[i], a - lag >= 1 else { return nil }
            return exposure.value(data, person: i, at: a - lag)
        }
        let defined = values.compactMap { $0 }
        count = defined.count
        mean = defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
        median = Self.median(defined)
        shareAtZero = defined.isEmpty ? .nan : Double(defined.filter { $0 == 0 }.count) / Double(defined.count)
        if lag == 0 {
            // As netdiffuseR reads coded data: everyone adopts, non-adopters at T + 1, where every
            // alter (non-adopters too) counts as adopted: the inflation of counting them.
            let coded = data.nonAdopters == .codedLast
            let all = (0..<data.count).map { i in
                data.adoption[i].map { exposure.value(data, person: i, at: $0, coded: coded) }
                    ?? exposure.value(data, person: i, at: data.periods + 1, coded: coded)
            }
            meanIncludingNonAdopters = all.isEmpty ? nil : all.reduce(0, +) / Double(all.count)
            countIncludingNonAdopters = all.count
        }
    }

    /// The mean threshold alone (`ValenteThresholds(data.with(adoption:)).mean` at lag 0 with the
    /// default exposure), for calibration's thousands of simulated adoption vectors: the same sums in
    /// the same order, so the same bits, without the values, median and coded pass it does not need.
    /// `adoption[i]` is person i's period (from 1), or 0 for never; `offsets`/`targets` the graph's CSR.
    public static func meanThreshold(adoption: [Int32], offsets: [Int], targets: [UInt32]) -> Double {
        var sum = 0.0, count = 0
        adoption.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { o in
                targets.withUnsafeBufferPointer { t in
                    for i in 0..<a.count where a[i] >= 1 {
                        var exposed = 0.0, total = 0.0
                        for p in o[i]..<o[i + 1] {
                            total += 1
                            let aj = a[Int(t[p])]
                            if aj >= 1 && aj <= a[i] { exposed += 1 }
                        }
                        sum += total > 0 ? exposed / total : 0
                        count += 1
                    }
                }
            }
        }
        return count == 0 ? .nan : sum / Double(count)
    }

    static func median(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let s = x.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    enum CodingKeys: String, CodingKey {
        case lag, mean, median, count, shareAtZero = "share_at_zero", meanIncludingNonAdopters = "mean_including_non_adopters"
        case countIncludingNonAdopters = "count_including_non_adopters"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lag = try c.decode(Int.self, forKey: .lag)
        mean = try c.decode(Double.self, forKey: .mean)
        median = try c.decode(Double.self, forKey: .median)
        count = try c.decode(Int.self, forKey: .count)
        shareAtZero = try c.decode(Double.self, forKey: .shareAtZero)
        meanIncludingNonAdopters = try c.decodeIfPresent(Double.self, forKey: .meanIncludingNonAdopters)
        countIncludingNonAdopters = try c.decodeIfPresent(Int.self, forKey: .countIncludingNonAdopters)
        values = []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lag, forKey: .lag)
        try c.encode(mean, forKey: .mean)
        try c.encode(median, forKey: .median)
        try c.encode(count, forKey: .count)
        try c.encode(shareAtZero, forKey: .shareAtZero)
        try c.encodeIfPresent(meanIncludingNonAdopters, forKey: .meanIncludingNonAdopters)
        try c.encodeIfPresent(countIncludingNonAdopters, forKey: .countIncludingNonAdopters)
    }
}
