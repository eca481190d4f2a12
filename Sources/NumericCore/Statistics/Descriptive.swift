/// Summary statistics of a sample: what ensemble summaries and benchmark reports need.
public enum Descriptive {
    /// The arithmetic mean; NaN for an empty sample.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Variance with `ddof` delta degrees of freedom (two-pass).
    public static func variance(_ values: [Double], ddof: Int = 1) -> Double {
        guard values.count - ddof > 0 else { return .nan }
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - ddof)
    }

    public static func standardDeviation(_ values: [Double], ddof: Int = 1) -> Double {
        variance(values, ddof: ddof).squareRoot()
    }

    /// The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the
    /// default of NumPy, R and pandas). NaN for an empty sample.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "quantile probability \(p) is outside [0, 1]")
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The median (type-7 0.5 quantile).
    public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }
}
