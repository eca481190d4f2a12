import Foundation
import NumericCore

/// The Bass curve F(t) = m·(1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}) fitted by least squares to
/// the cumulative share adopted at t = 1…T, under an explicit convention for non-adopters, with
/// standard errors (σ²(JᵀJ)⁻¹), R² and RMSE. The convention matters: on the Korean family-planning
/// data q changes threefold with it alone.
public struct BassFit: Sendable, Codable, Equatable {
    /// How the fitted points treat people who had not adopted (REFERENCE.md's A, B, C).
    public enum Convention: String, Sendable, Codable, CaseIterable {
        /// netdiffuseR's `fitbass`: non-adopters counted as adopting in the coded last period (so the
        /// curve reaches 1), m = 1.
        case codedAsAdopting = "A"
        /// Non-adopters censored: the observed periods only, m = 1.
        case censored = "B"
        /// Censored, market size m free in (0, 1].
        case censoredFreeMarket = "C"

        public var explanation: String {
            switch self {
            case .codedAsAdopting: return "non-adopters counted as adopting in the coded last period, m = 1 (netdiffuseR fitbass)"
            case .censored: return "non-adopters censored (observed periods only), m = 1"
            case .censoredFreeMarket: return "non-adopters censored, market size m free (at most 1)"
            }
        }
    }

    public var convention: Convention
    public var points: Int
    public var p: Double
    public var q: Double
    public var m: Double
    public var pStandardError: Double
    public var qStandardError: Double
    /// nil where m is fixed at 1 (or sits at its bound).
    public var mStandardError: Double?
    public var rSquared: Double
    public var rmse: Double

    public static func curve(_ t: Double, p: Double, q: Double, m: Double = 1) -> Double {
        let e = exp(-(p + q) * t)
        return m * (1 - e) / (1 + (q / p) * e)
    }

    /// Fits to the cumulative shares `y` at t = 1…y.count.
    public init(shares y: [Double], convention: Convention) {
        self.convention = convention
        points = y.count
        let free = convention == .censoredFreeMarket
        let t = (1...max(1, y.count)).map(Double.init)
        let residuals: ([Double]) -> [Double] = { x in
            (0..<y.count).map { i in Self.curve(t[i], p: x[0], q: x[1], m: free ? x[2] : 1) - y[i] }
        }
        let lower = [1e-6, 0] + (free ? [1e-3] : []), upper = [1.0, 10] + (free ? [1.0] : [])
        // A few starts (slow and fast imitation): least squares on these curves has flat valleys.
        var best: LevenbergMarquardt.Result?
        for start in [[0.01, 0.3], [0.05, 0.2], [0.1, 0.05], [0.02, 1.0]] {
            let result = LevenbergMarquardt().minimise(start: start + (free ? [max(y.last ?? 1, 0.01)] : []), lower: lower, upper: upper,
                                                       residuals: residuals)
            if best == nil || result.sumOfSquares < best!.sumOfSquares { best = result }
        }
        let fit = best!
        p = fit.parameters[0]
        q = fit.parameters[1]
        m = free ? fit.parameters[2] : 1
        let errors = fit.standardErrors
        pStandardError = errors[0]
        qStandardError = errors[1]
        mStandardError = free ? (errors[2].isNaN ? nil : errors[2]) : nil
        let mean = y.reduce(0, +) / Double(max(1, y.count))
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        rSquared = total > 0 ? 1 - fit.sumOfSquares / total : .nan
        rmse = (fit.sumOfSquares / Double(max(1, y.count))).squareRoot()
    }

    /// The fit under `convention` to the data's adoption curve.
    public init(_ data: DiffusionData, convention: Convention, periods: Int? = nil) {
        let curve = AdoptionCurve(data).shares
        switch convention {
        case .codedAsAdopting:
            // The coded period T + 1, where everyone is counted as having adopted.
            let shares = curve + [1]
            self.init(shares: Array(shares.prefix(periods ?? shares.count)), convention: convention)
        case .censored, .censoredFreeMarket:
            self.init(shares: Array(curve.prefix(periods ?? curve.count)), convention: convention)
        }
    }

    /// How the fit drifts as periods are added (Van den Bulte & Lilien 1997): the fit on the first
    /// k periods for k = from…T.
    public static func drift(_ data: DiffusionData, convention: Convention = .censoredFreeMarket, from first: Int = 5) -> [BassFit] {
        let last = data.periods + (convention == .codedAsAdopting ? 1 : 0)
        guard last >= max(3, first) else { return [] }
        return (max(3, first)...last).map { BassFit(data, convention: convention, periods: $0) }
    }

    enum CodingKeys: String, CodingKey {
        case convention, points, p, q, m, pStandardError = "p_se", qStandardError = "q_se", mStandardError = "m_se"
        case rSquared = "r_squared", rmse
    }
}
