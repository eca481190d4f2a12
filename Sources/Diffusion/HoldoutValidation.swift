import Foundation
import NumericCore

/// Held-out validation of the network hazard model: fit on the periods up to T (or on some groups)
/// and predict the rest by simulating the fitted model forward on the network from what was
/// observed, beside a Bass curve fitted to the same periods (or groups): the baseline a sceptic
/// would use. Reported as the KS distance (largest gap between the cumulative curves over the
/// predicted periods) and the RMSE of the cumulative share.
public struct HoldoutValidation: Sendable, Codable {
    public struct Prediction: Sendable, Codable, Equatable {
        public var period: Int
        public var observed: Double
        public var model: Double
        public var bass: Double
    }

    /// "after T" or "groups a, b".
    public var holdout: String
    public var fitted: NetworkHazardFit
    public var bass: BassFit
    public var predictions: [Prediction]
    public var modelKS: Double
    public var modelRMSE: Double
    public var bassKS: Double
    public var bassRMSE: Double
    public var simulations: Int

    /// Fits on periods 1…`after` and predicts `after` + 1…T.
    public init(_ data: DiffusionData, model: NetworkHazardModel, after: Int, simulations: Int = 1000, seed: UInt64 = 0) throws {
        precondition(after >= 2 && after < data.periods, "the holdout period must leave periods on both sides")
        holdout = "after period \(data.periodValue(after))"
        self.simulations = simulations
        var constant = model
        constant.baseline = .constant
        let training = DiffusionData(labels: data.labels, adoption: data.adoption.map { $0.flatMap { $0 <= after ? $0 : nil } }, periods: after,
                                     firstPeriodValue: data.firstPeriodValue, nonAdopters: .censored, graph: data.graph,
                                     groups: data.groups, groupLevels: data.groupLevels, columns: data.columns)
        fitted = try constant.fit(training)
        bass = BassFit(training, convention: .censoredFreeMarket)
        let start = training.adoption
        let predicted = Self.simulate(data, model: constant, fit: fitted, from: start, firstPeriod: after + 1, simulations: simulations,
                                      people: Array(0..<data.count), seed: seed)
        let observed = AdoptionCurve(data).shares
        let b = bass
        predictions = ((after + 1)...data.periods).map { t in
            Prediction(period: data.periodValue(t), observed: observed[t - 1], model: predicted[t - 1],
                       bass: BassFit.curve(Double(t), p: b.p, q: b.q, m: b.m))
        }
        (modelKS, modelRMSE) = Self.distances(predictions.map { ($0.observed, $0.model) })
        (bassKS, bassRMSE) = Self.distances(predictions.map { ($0.observed, $0.bass) })
    }

    /// Fits on every group but `groups` and predicts theirs from their period-1 adopters.
    public init(_ data: DiffusionData, model: NetworkHazardModel, groups held: [String], simulations: Int = 1000, seed: UInt64 = 0) throws {
        guard let codes = data.groups else { throw ValidationError.noGroups }
        let heldCodes = try held.map { name -> Int32 in
            guard let i = data.groupLevels.firstIndex(of: name) else { throw ValidationError.unknownGroup(name, known: data.groupLevels) }
            return Int32(i)
        }
        holdout = "groups \(held.joined(separator: ", "))"
        self.simulations = simulations
        let heldPeople = codes.indices.filter { heldCodes.contains(codes[$0]) }
        guard !heldPeople.isEmpty, heldPeople.count < data.count else { throw ValidationError.nothingLeft }
        let isHeld = Set(heldPeople)
        var constant = model
        constant.baseline = .constant
        // Training: held-out people leave the likelihood but stay in the network as others' alters.
        fitted = try constant.fit(data, people: data.adoption.indices.map { !isHeld.contains($0) })
        let trainingPeople = data.adoption.indices.filter { !isHeld.contains($0) }
        bass = BassFit(shares: Self.curve(data, people: trainingPeople), convention: .censoredFreeMarket)
        // Held-out groups start from their period-1 adopters; everyone else as observed.
        let start = data.adoption.indices.map { i in isHeld.contains(i) ? (data.adoption[i] == 1 ? 1 : nil) : data.adoption[i] }
        let predicted = Self.simulate(data, model: constant, fit: fitted, from: start, firstPeriod: 2, simulations: simulations,
                                      people: heldPeople, seed: seed, observedOthers: true)
        let observed = Self.curve(data, people: heldPeople)
        let b = bass
        predictions = (2...data.periods).map { t in
            Prediction(period: data.periodValue(t), observed: observed[t - 1], model: predicted[t - 1],
                       bass: BassFit.curve(Double(t), p: b.p, q: b.q, m: b.m))
        }
        (modelKS, modelRMSE) = Self.distances(predictions.map { ($0.observed, $0.model) })
        (bassKS, bassRMSE) = Self.distances(predictions.map { ($0.observed, $0.bass) })
    }

    public enum ValidationError: Error, CustomStringConvertible, Equatable {
        case noGroups
        case unknownGroup(String, known: [String])
        case nothingLeft
        public var description: String {
            switch self {
            case .noGroups: return "--holdout-groups needs the data's groups (--group COLUMN)"
            case let .unknownGroup(name, known): return "no group \"\(name)\" (groups: \(known.joined(separator: ", ")))"
            case .nothingLeft: return "the held-out groups must leave some people to fit on, and hold someone"
            }
        }
    }

    /// Cumulative share adopted among `people` at periods 1…T.
    static func curve(_ data: DiffusionData, people: [Int]) -> [Double] {
        (1...data.periods).map { t in Double(people.filter { (data.adoption[$0] ?? Int.max) <= t }.count) / Double(max(1, people.count)) }
    }

    static func distances(_ pairs: [(Double, Double)]) -> (ks: Double, rmse: Double) {
        guard !pairs.isEmpty else { return (.nan, .nan) }
        let ks = pairs.map { abs($0.0 - $0.1) }.max()!
        let rmse = (pairs.reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(pairs.count)).squareRoot()
        return (ks, rmse)
    }

    /// The mean cumulative share of `people` per period over `simulations` runs of the fitted
    /// constant-baseline model from `start` (adoptions before `firstPeriod` as given). With
    /// `observedOthers`, people outside `people` follow their observed times instead of the model.
    static func simulate(_ data: DiffusionData, model: NetworkHazardModel, fit: NetworkHazardFit, from start: [Int?], firstPeriod: Int,
                         simulations: Int, people: [Int], seed: UInt64, observedOthers: Bool = false) -> [Double] {
        let p = fit.estimates[0].estimate, q = fit.q.estimate
        let betas = fit.estimates.filter { $0.parameter.hasPrefix("beta[") }.map(\.estimate)
        let x = model.covariates.map { data.columns[$0] ?? [] }
        let log1mp = log1p(-p), log1mq = log1p(-q)
        let target = Set(people)
        let exposure = Exposure(direction: model.exposure.direction, weighted: model.exposure.weighted, normalised: model.scale == .share)
        var totals = [[Double]](repeating: [Double](repeating: 0, count: data.periods), count: simulations)
        totals.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(count: simulations) { s in
                var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(s), purpose: .dynamics)
                var adoption = start
                for t in 1..<firstPeriod { out[s][t - 1] = Double(people.filter { (adoption[$0] ?? Int.max) <= t }.count) }
                for t in firstPeriod...max(firstPeriod, data.periods) where t <= data.periods {
                    let current = data.with(adoption: adoption)
                    for i in 0..<data.count where adoption[i] == nil {
                        guard target.contains(i) || !observedOthers else { continue }
                        var eta = 0.0
                        for (j, b) in betas.enumerated() { eta += b * (x[j][i].isNaN ? 0 : x[j][i]) }
                        let k = exposure.value(current, person: i, at: t - 1)
                        let stay = exp(exp(eta) * log1mp + k * log1mq)
                        if rng.nextUnitDouble() >= stay { adoption[i] = t }
                    }
                    if observedOthers {
                        for i in 0..<data.count where !target.contains(i) && data.adoption[i] == t { adoption[i] = t }
                    }
                    out[s][t - 1] = Double(people.filter { (adoption[$0] ?? Int.max) <= t }.count)
                }
            }
        }
        return (0..<data.periods).map { t in totals.reduce(0) { $0 + $1[t] } / Double(simulations) / Double(max(1, people.count)) }
    }

    enum CodingKeys: String, CodingKey {
        case holdout, fitted, bass, predictions, modelKS = "model_ks", modelRMSE = "model_rmse", bassKS = "bass_ks", bassRMSE = "bass_rmse"
        case simulations
    }
}
