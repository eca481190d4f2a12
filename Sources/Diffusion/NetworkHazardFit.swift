import Foundation
import NumericCore

/// A fitted network hazard model: estimates with standard errors and 95% intervals (Wald on the
/// logit scale for probabilities, so they stay in (0, 1)), the log-likelihoods with and without
/// the network term, and the likelihood-ratio test of q = 0.
public struct NetworkHazardFit: Sendable, Codable {
    public struct Estimate: Sendable, Codable, Equatable {
        public var parameter: String
        public var estimate: Double
        public var standardError: Double
        public var low: Double
        public var high: Double

        enum CodingKeys: String, CodingKey { case parameter, estimate, standardError = "se", low, high }
    }

    public var baseline: String
    public var scale: String
    public var covariates: [String]
    public var rows: Int
    public var events: Int
    /// People left out for a missing covariate.
    public var excluded: Int
    public var logLikelihood: Double
    public var logLikelihoodWithoutNetwork: Double
    /// 2·(ℓ − ℓ₀) against q = 0.
    public var likelihoodRatio: Double
    /// P(χ²₁ ≥ LR)/2: q = 0 sits on the boundary of its range (Self & Liang 1987).
    public var pValue: Double
    public var estimates: [Estimate]
    public var converged: Bool

    public var q: Estimate { estimates.last! }

    init(model: NetworkHazardModel, data: DiffusionData, rows: Int, events: Int, excluded: Int, full: NewtonMaximiser.Result,
         restricted: NewtonMaximiser.Result, baselines nb: Int, likelihoodRatio: Double) {
        baseline = model.baseline.rawValue
        scale = model.scale.rawValue
        covariates = model.covariates
        self.rows = rows
        self.events = events
        self.excluded = excluded
        logLikelihood = full.value
        logLikelihoodWithoutNetwork = restricted.value
        self.likelihoodRatio = likelihoodRatio
        pValue = 0.5 * ChiSquared.survival(likelihoodRatio, degreesOfFreedom: 1)
        converged = full.converged && restricted.converged
        let covariance = full.covariance
        let k = full.parameters.count
        func se(_ i: Int) -> Double {
            guard let c = covariance, c[i * k + i] > 0 else { return .nan }
            return c[i * k + i].squareRoot()
        }
        func probability(_ name: String, _ i: Int) -> Estimate {
            let a = full.parameters[i], s = se(i)
            let p = 1 / (1 + exp(-a))
            let lo = 1 / (1 + exp(-(a - 1.959964 * s))), hi = 1 / (1 + exp(-(a + 1.959964 * s)))
            return Estimate(parameter: name, estimate: p, standardError: s * p * (1 - p), low: s.isNaN ? .nan : lo, high: s.isNaN ? .nan : hi)
        }
        var out: [Estimate] = []
        for i in 0..<nb { out.append(probability(nb == 1 ? "p" : "p[\(data.periodValue(i + 2))]", i)) }
        for (j, name) in model.covariates.enumerated() {
            let b = full.parameters[nb + j], s = se(nb + j)
            out.append(Estimate(parameter: "beta[\(name)]", estimate: b, standardError: s, low: b - 1.959964 * s, high: b + 1.959964 * s))
        }
        out.append(probability("q", nb + model.covariates.count))
        estimates = out
    }

    enum CodingKeys: String, CodingKey {
        case baseline, scale, covariates, rows, events, excluded, logLikelihood = "log_likelihood"
        case logLikelihoodWithoutNetwork = "log_likelihood_without_network", likelihoodRatio = "likelihood_ratio"
        case pValue = "p_value", estimates, converged
    }
}
