import Diffusion
import Foundation
import Graphs
import NumericCore
import Scenarios
import Simulation

/// Likelihood-free calibration of any scenario model to adoption data: approximate Bayesian
/// computation on the ensemble engine. Draws from the uniform priors, simulates each once on the
/// data's network (ties turned to run from nominee to nominator, seeded with the first period's
/// adopters, for the data's periods), and keeps the draws whose summaries are nearest the data's:
/// the cumulative adoption curve, and with `individual` the mean exposure at adoption (Valente's
/// threshold), which the curve alone cannot tell apart from outside influence.
///
/// Rejection ABC keeps the nearest `acceptance` share of `simulations` draws. ABC-SMC (Beaumont et
/// al. 2009's population Monte Carlo with Del Moral et al. 2012's adaptive tolerances) spends the
/// same budget in rounds, each perturbing the previous round's accepted particles (Gaussian, twice
/// their weighted covariance) and reweighting by prior over proposal density: a posterior from far
/// fewer simulations where rejection would waste them on the prior's tails.
public struct ABCCalibration: Sendable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        case rejection
        case smc
    }

    public struct Posterior: Sendable, Codable, Equatable {
        public var parameter: String
        public var mean: Double
        public var median: Double
        public var low: Double
        public var high: Double
        public var priorLow: Double
        public var priorHigh: Double
    }

    public struct Correlation: Sendable, Codable, Equatable {
        public var first: String
        public var second: String
        public var r: Double
    }

    public struct Band: Sendable, Codable, Equatable {
        public var period: Int
        public var observed: Double
        public var low: Double
        public var median: Double
        public var high: Double
    }

    public var method: Method
    public var model: String
    public var simulations: Int
    public var accepted: Int
    public var tolerance: Double
    public var summaries: [String]
    public var seed: UInt64
    public var posterior: [Posterior]
    public var correlations: [Correlation]
    /// Posterior predictive 90% band of the cumulative share per period, from the accepted draws' own runs.
    public var band: [Band]
    /// Words on what the data can and cannot tell apart (empty when nothing is flagged).
    public var warnings: [String]
    /// The accepted draws (one row per draw, parameters in `posterior` order) and their weights.
    public var draws: [[Double]]
    public var weights: [Double]
    public var seconds: Double

    /// `model` with its fixed parameters (a scenario's, or the catalog's example values); the
    /// scenario's interventions and waning commitment, when calibrating a scenario, run in every simulation.
    public init(_ data: DiffusionData, model spec: ModelSpec, interventions: [any Intervention] = [], waning: WaningCommitment? = nil,
                fit: [FittedParameter], method: Method = .rejection, simulations: Int = 20_000, acceptance: Double = 0.01,
                individual: Bool = true, seed: UInt64 = 0) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let simulator = try ABCSimulator(data, model: spec, interventions: interventions, waning: waning, fit: fit,
                                         individual: individual, seed: seed)
        switch method {
        case .rejection:
            let thetas = simulator.rejectionDraws(simulations)
            let runs = try simulator.run(thetas, offset: 0)
            self.init(rejection: simulator, draws: thetas, runs: runs, acceptance: acceptance,
                      seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        case .smc:
            try self.init(smc: simulator, simulations: simulations, acceptance: acceptance, start: start)
        }
    }

    /// Rejection ABC from runs made elsewhere: draw k of `draws` (the simulator's `rejectionDraws`)
    /// and its run `runs[k]`, however they were spread over threads, processes or Slurm tasks.
    public init(rejection simulator: ABCSimulator, draws thetas: [[Double]], runs: [ABCSimulator.Simulated], acceptance: Double, seconds: Double) {
        precondition(thetas.count == runs.count && !runs.isEmpty, "a draw for every run")
        let d = runs.map(simulator.distance)
        let keep = min(thetas.count, max(2, Int((Double(thetas.count) * acceptance).rounded())))
        let order = d.indices.sorted { d[$0] < d[$1] || (d[$0] == d[$1] && $0 < $1) }.prefix(keep)
        self.init(.rejection, simulator, simulations: thetas.count, tolerance: d[order.last!], thetas: order.map { thetas[$0] },
                  runs: order.map { runs[$0] }, weights: [Double](repeating: 1, count: order.count), seconds: seconds)
    }

    /// ABC-SMC: rounds of `particles` accepted draws; each round's tolerance is the median distance of the last.
    init(smc simulator: ABCSimulator, simulations: Int, acceptance: Double, start: UInt64) throws {
        let fit = simulator.fit
        var rng = simulator.priorStream()
        let particles = max(50, Int((Double(simulations) * acceptance).rounded()))
        var used = 0, offset = 0
        var thetas = (0..<particles).map { _ in simulator.prior(&rng) }
        var runs = try simulator.run(thetas, offset: offset)
        used += particles
        offset += particles
        var d = runs.map(simulator.distance)
        var w = [Double](repeating: 1.0 / Double(particles), count: particles)
        var epsilon = Self.quantile(d, 0.5)
        // Each round fills a new population of `particles` within ε, proposing in batches; a round the
        // budget cannot finish is abandoned and the last complete population kept.
        rounds: while used < simulations {
            let covariance = Self.weightedCovariance(thetas, w).map { $0 * 2 }
            let chol = Self.cholesky(covariance, fit.count)
            let inverse = try? Matrix<Double>(rows: fit.count, columns: fit.count, elements: covariance).inverse().elements
            var nextThetas: [[Double]] = [], nextRuns: [ABCSimulator.Simulated] = [], nextD: [Double] = [], nextW: [Double] = []
            while nextThetas.count < particles {
                let batch = min(particles, simulations - used)
                guard batch > 0 else { break rounds }
                var proposals: [[Double]] = [], attempts = 0
                // Perturbed particles inside the prior (proposals outside it cost no simulation).
                while proposals.count < batch && attempts < batch * 1000 {
                    attempts += 1
                    let j = Self.pick(w, rng.nextUnitDouble())
                    var z = [Double](repeating: 0, count: fit.count)
                    for i in 0..<fit.count { z[i] = rng.normal() }
                    let candidate = (0..<fit.count).map { i in thetas[j][i] + (0...i).reduce(0) { $0 + chol[i * fit.count + $1] * z[$1] } }
                    if zip(candidate, fit).allSatisfy({ $0 >= $1.low && $0 <= $1.high }) { proposals.append(candidate) }
                }
                guard !proposals.isEmpty else { break rounds }
                let newRuns = try simulator.run(proposals, offset: offset)
                used += proposals.count
                offset += proposals.count
                // Weights ∝ prior / Σ_j w_j K(θ | θ_j); the prior is uniform inside its box.
                for (i, run) in newRuns.enumerated() where nextThetas.count < particles {
                    let dist = simulator.distance(run)
                    guard dist <= epsilon else { continue }
                    var mixture = 0.0
                    for j in thetas.indices { mixture += w[j] * Self.gaussian(proposals[i], thetas[j], inverse) }
                    nextThetas.append(proposals[i])
                    nextRuns.append(run)
                    nextD.append(dist)
                    nextW.append(mixture > 0 ? 1 / mixture : 0)
                }
            }
            let total = nextW.reduce(0, +)
            guard total > 0 else { break }
            thetas = nextThetas
            runs = nextRuns
            d = nextD
            w = nextW.map { $0 / total }
            epsilon = Self.quantile(d, 0.5)
        }
        self.init(.smc, simulator, simulations: used, tolerance: d.max() ?? .nan, thetas: thetas, runs: runs, weights: w,
                  seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The posterior, its predictive band and the identifiability words, from the kept draws.
    init(_ method: Method, _ simulator: ABCSimulator, simulations: Int, tolerance: Double, thetas keptThetas: [[Double]],
         runs keptRuns: [ABCSimulator.Simulated], weights keptWeights: [Double], seconds: Double) {
        let fit = simulator.fit, data = simulator.data
        let useThreshold = simulator.useThreshold
        self.method = method
        model = simulator.spec.name
        self.simulations = simulations
        seed = simulator.seed
        summaries = simulator.summaries
        self.tolerance = tolerance
        accepted = keptThetas.count
        draws = keptThetas
        weights = keptWeights
        posterior = fit.enumerated().map { i, p in
            let values = keptThetas.map { $0[i] }
            return Posterior(parameter: p.name, mean: Self.weightedMean(values, keptWeights),
                             median: Self.weightedQuantile(values, keptWeights, 0.5), low: Self.weightedQuantile(values, keptWeights, 0.05),
                             high: Self.weightedQuantile(values, keptWeights, 0.95), priorLow: p.low, priorHigh: p.high)
        }
        var pairs: [Correlation] = []
        for i in 0..<fit.count {
            for j in (i + 1)..<fit.count {
                pairs.append(Correlation(first: fit[i].name, second: fit[j].name,
                                         r: Self.weightedCorrelation(keptThetas.map { $0[i] }, keptThetas.map { $0[j] }, keptWeights)))
            }
        }
        correlations = pairs
        band = (0..<data.periods).map { t in
            let values = keptRuns.map { $0.curve[t] }
            return Band(period: data.periodValue(t + 1), observed: simulator.observedCurve[t], low: Self.weightedQuantile(values, keptWeights, 0.05),
                        median: Self.weightedQuantile(values, keptWeights, 0.5), high: Self.weightedQuantile(values, keptWeights, 0.95))
        }
        var words: [String] = []
        for c in pairs where abs(c.r) >= 0.8 {
            words.append("\(c.first) and \(c.second) are not identified separately: their posterior correlation is \(String(format: "%.2f", c.r)); "
                         + (useThreshold ? "the data trade one against the other" : "the curve alone trades one against the other (add individual adoption times and a network for exposure at adoption)"))
        }
        for p in posterior where (p.high - p.low) >= 0.5 * (p.priorHigh - p.priorLow) {
            words.append("\(p.parameter)'s 90% interval (\(String(format: "%.3g", p.low))–\(String(format: "%.3g", p.high))) spans half its prior or more: the data say little about it")
        }
        for p in posterior {
            let edge = 0.02 * (p.priorHigh - p.priorLow)
            if p.median - p.priorLow <= edge || p.priorHigh - p.median <= edge {
                words.append("\(p.parameter)'s posterior sits at the edge of its prior (median \(String(format: "%.3g", p.median)), prior \(p.priorLow)–\(p.priorHigh)): widen the prior, or the model cannot reach the data")
            }
        }
        if tolerance > 0.1 {
            words.append("the accepted runs are still far from the data (distance \(String(format: "%.3f", tolerance)), about the curve's RMSE): this model, with these priors, does not reproduce what happened")
        }
        warnings = words
        self.seconds = seconds
    }

    static func quantile(_ x: [Double], _ p: Double) -> Double {
        let s = x.sorted()
        guard !s.isEmpty else { return .nan }
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    static func weightedMean(_ x: [Double], _ w: [Double]) -> Double {
        let total = w.reduce(0, +)
        return zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / total
    }

    /// The value below which a share p of the weight lies.
    static func weightedQuantile(_ x: [Double], _ w: [Double], _ p: Double) -> Double {
        let order = x.indices.sorted { x[$0] < x[$1] }
        let total = w.reduce(0, +)
        var cumulative = 0.0
        for i in order {
            cumulative += w[i]
            if cumulative >= p * total { return x[i] }
        }
        return order.last.map { x[$0] } ?? .nan
    }

    static func weightedCorrelation(_ x: [Double], _ y: [Double], _ w: [Double]) -> Double {
        let mx = weightedMean(x, w), my = weightedMean(y, w)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += w[i] * (x[i] - mx) * (y[i] - my)
            sxx += w[i] * (x[i] - mx) * (x[i] - mx)
            syy += w[i] * (y[i] - my) * (y[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    static func weightedCovariance(_ thetas: [[Double]], _ w: [Double]) -> [Double] {
        let k = thetas.first?.count ?? 0
        let means = (0..<k).map { i in weightedMean(thetas.map { $0[i] }, w) }
        var c = [Double](repeating: 0, count: k * k)
        let total = w.reduce(0, +)
        for (n, t) in thetas.enumerated() {
            for i in 0..<k { for j in 0..<k { c[i * k + j] += w[n] * (t[i] - means[i]) * (t[j] - means[j]) / total } }
        }
        for i in 0..<k { c[i * k + i] = max(c[i * k + i], 1e-12) }
        return c
    }

    /// Lower-triangular L with L·Lᵀ = a (row-major).
    static func cholesky(_ a: [Double], _ k: Int) -> [Double] {
        var l = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var s = a[i * k + j]
                for m in 0..<j { s -= l[i * k + m] * l[j * k + m] }
                l[i * k + j] = i == j ? max(s, 1e-24).squareRoot() : s / l[j * k + j]
            }
        }
        return l
    }

    /// The (unnormalised) Gaussian density of x around mean with the given inverse covariance.
    static func gaussian(_ x: [Double], _ mean: [Double], _ inverse: [Double]?) -> Double {
        guard let inverse else { return 1 }
        let k = x.count
        var q = 0.0
        for i in 0..<k { for j in 0..<k { q += (x[i] - mean[i]) * inverse[i * k + j] * (x[j] - mean[j]) } }
        return exp(-q / 2)
    }

    /// Index drawn with probability proportional to w, from a uniform u.
    static func pick(_ w: [Double], _ u: Double) -> Int {
        var cumulative = 0.0
        for (i, x) in w.enumerated() {
            cumulative += x
            if u <= cumulative { return i }
        }
        return w.count - 1
    }

    enum CodingKeys: String, CodingKey {
        case method, model, simulations, accepted, tolerance, summaries, seed, posterior, correlations, band, warnings, draws, weights, seconds
    }
}
