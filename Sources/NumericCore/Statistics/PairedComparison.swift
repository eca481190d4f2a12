/// A measure of one arm against the base over replicates run on common random numbers: replicate
/// r of both drew from the same streams, so the paired difference d_r = arm_r − base_r cancels the
/// noise both share. Intervals are 95% t intervals of means; `unpaired` is Welch's interval the
/// same replicates would give if the arms had been run on independent streams.
public struct PairedComparison: Sendable, Equatable {
    public struct Interval: Sendable, Equatable {
        public var low: Double
        public var high: Double
    }

    /// Replicates where both arms define the measure (time to half is undefined in runs that never get there).
    public var pairs: Int
    /// Mean of the paired differences (arm − base).
    public var difference: Double
    public var paired: Interval
    public var unpaired: Interval
    /// 1 − Var(d) / (Var(arm) + Var(base)): the share of the unpaired variance of the difference that
    /// pairing removed (nil when neither arm varies).
    public var varianceReduction: Double?

    /// nil when no replicate defines the measure in both arms.
    public init?(arm: [Double?], base: [Double?], level: Double = 0.95) {
        precondition(arm.count == base.count, "paired arms need the same replicates")
        var a: [Double] = [], b: [Double] = []
        for (x, y) in zip(arm, base) {
            if let x, let y { a.append(x); b.append(y) }
        }
        guard !a.isEmpty else { return nil }
        let n = Double(a.count)
        let d = zip(a, b).map { $0 - $1 }
        pairs = a.count
        difference = Descriptive.mean(d)
        let varA = a.count > 1 ? Descriptive.variance(a) : 0, varB = b.count > 1 ? Descriptive.variance(b) : 0
        let varD = d.count > 1 ? Descriptive.variance(d) : 0
        let p = 0.5 + level / 2
        paired = Self.interval(difference, variance: varD / n, df: n - 1, p: p)
        // Welch–Satterthwaite degrees of freedom for the unpaired difference.
        let seA = varA / n, seB = varB / n
        let welchDF = seA + seB > 0 ? (seA + seB) * (seA + seB) / ((seA * seA + seB * seB) / max(n - 1, 1)) : n - 1
        unpaired = Self.interval(difference, variance: seA + seB, df: welchDF, p: p)
        // Rounding leaves ±1e-16 where pairing neither helps nor hurts (an arm that does not vary).
        varianceReduction = varA + varB > 0 ? Self.clean(1 - varD / (varA + varB)) : nil
    }

    static func clean(_ x: Double) -> Double { abs(x) < 1e-12 ? 0 : abs(1 - x) < 1e-12 ? 1 : x }

    /// The t interval of a mean, `variance` the squared standard error; a point where it is 0 (or
    /// there is a single replicate, which says nothing of spread).
    public static func interval(_ mean: Double, variance: Double, df: Double, p: Double = 0.975) -> Interval {
        guard variance > 0, df > 0 else { return Interval(low: mean, high: mean) }
        let half = StudentT.quantile(p, df: df) * variance.squareRoot()
        return Interval(low: mean - half, high: mean + half)
    }

    /// The 95% t interval of the mean of `values`.
    public static func meanInterval(_ values: [Double], level: Double = 0.95) -> Interval {
        let n = Double(values.count)
        guard values.count > 1 else { return Interval(low: values.first ?? .nan, high: values.first ?? .nan) }
        return interval(Descriptive.mean(values), variance: Descriptive.variance(values) / n, df: n - 1, p: 0.5 + level / 2)
    }
}
