import Foundation
import NumericCore

/// The discrete-time network hazard ("network Bass") model, fitted by exact maximum likelihood to
/// individual adoption times: a person not yet adopted adopts in period t with probability
/// h = 1 − (1 − p_t)^{exp(β·x)} · (1 − q)^{k}, k their exposure at t − 1 (alters adopted, or the
/// share of them), p_t a constant or period-specific baseline, x numeric covariates from the data
/// (a grouped-time proportional-hazards term on the baseline). Person-periods at risk run from
/// t = 2 (exposure needs a period before). q = 0 is tested by the likelihood ratio.
public struct NetworkHazardModel: Sendable {
    public enum Baseline: String, Sendable, Codable, CaseIterable {
        case constant
        case periods = "period-specific"
    }

    public enum Scale: String, Sendable, Codable, CaseIterable {
        /// k = how many alters had adopted.
        case count
        /// k = the share of alters who had adopted.
        case share
    }

    public var baseline: Baseline = .constant
    public var scale: Scale = .count
    public var exposure = Exposure()
    public var covariates: [String] = []

    public init(baseline: Baseline = .constant, scale: Scale = .count, exposure: Exposure = Exposure(), covariates: [String] = []) {
        self.baseline = baseline
        self.scale = scale
        self.exposure = exposure
        self.covariates = covariates
    }

    public enum ModelError: Error, CustomStringConvertible, Equatable {
        case unknownCovariate(String, known: [String])
        case noEvents
        public var description: String {
            switch self {
            case let .unknownCovariate(name, known):
                return "covariate \"\(name)\" is not a numeric column of the data" + (known.isEmpty ? "" : " (numeric columns: \(known.joined(separator: ", ")))")
            case .noEvents: return "no adoption after the first period: the hazard model has nothing to fit"
            }
        }
    }

    /// Person-period rows, flat: the baseline index, exposure, covariates and whether adoption happened.
    struct Rows {
        var baseline: [Int] = []
        var exposure: [Double] = []
        var covariates: [[Double]] = []
        var event: [Bool] = []
        var excluded = 0
        var count: Int { event.count }
    }

    func rows(_ data: DiffusionData, people: [Bool]? = nil) throws -> Rows {
        let columns = try covariates.map { name -> [Double] in
            guard let column = data.columns[name] else { throw ModelError.unknownCovariate(name, known: data.columns.keys.sorted()) }
            return column
        }
        var rows = Rows()
        let shareExposure = Exposure(direction: exposure.direction, weighted: exposure.weighted, normalised: scale == .share)
        for i in 0..<data.count where people?[i] ?? true {
            let x = columns.map { $0[i] }
            if x.contains(where: \.isNaN) { rows.excluded += 1; continue }
            let last = min(data.adoption[i] ?? data.periods, data.periods)
            guard last >= 2 else { continue }
            for t in 2...last {
                rows.baseline.append(baseline == .constant ? 0 : t - 2)
                rows.exposure.append(shareExposure.value(data, person: i, at: t - 1))
                rows.covariates.append(x)
                rows.event.append(data.adoption[i] == t)
            }
        }
        return rows
    }

    /// `people`: whose person-periods enter the likelihood (nil: everyone); the others still count
    /// as alters with their observed times.
    public func fit(_ data: DiffusionData, people: [Bool]? = nil) throws -> NetworkHazardFit {
        let rows = try rows(data, people: people)
        let events = rows.event.filter { $0 }.count
        guard events > 0 else { throw ModelError.noEvents }
        let nb = baseline == .constant ? 1 : max(1, data.periods - 1)
        let nc = covariates.count
        // The model without q: the baseline (and covariates) alone; closed form without covariates.
        let restricted = Self.maximise(rows, baselines: nb, covariates: nc, withNetwork: false)
        let full = Self.maximise(rows, baselines: nb, covariates: nc, withNetwork: true, from: restricted.parameters + [-4])
        let lr = max(0, 2 * (full.value - restricted.value))
        return NetworkHazardFit(model: self, data: data, rows: rows.count, events: events, excluded: rows.excluded,
                                full: full, restricted: restricted, baselines: nb, likelihoodRatio: lr)
    }

    /// Log-likelihood and gradient in (logit p_t…, β…, logit q).
    static func logLikelihood(_ rows: Rows, _ theta: [Double], baselines nb: Int, covariates nc: Int, withNetwork: Bool) -> (Double, [Double]) {
        var value = 0.0
        var gradient = [Double](repeating: 0, count: theta.count)
        let b = withNetwork ? theta[nb + nc] : 0
        let q = withNetwork ? 1 / (1 + exp(-b)) : 0
        let log1mq = withNetwork ? -softplus(b) : 0
        for r in 0..<rows.count {
            let a = theta[rows.baseline[r]]
            let p = 1 / (1 + exp(-a)), log1mp = -softplus(a)
            var eta = 0.0
            for j in 0..<nc { eta += theta[nb + j] * rows.covariates[r][j] }
            let scale = exp(eta)
            let k = rows.exposure[r]
            let c = scale * log1mp + k * log1mq          // log of the chance of not adopting
            let dLdc: Double
            if rows.event[r] {
                let oneMinus = -expm1(c)                   // h
                value += log(max(oneMinus, 1e-300))
                dLdc = -exp(c) / max(oneMinus, 1e-300)
            } else {
                value += c
                dLdc = 1
            }
            gradient[rows.baseline[r]] += dLdc * scale * -p
            for j in 0..<nc { gradient[nb + j] += dLdc * rows.covariates[r][j] * scale * log1mp }
            if withNetwork { gradient[nb + nc] += dLdc * k * -q }
        }
        return (value, gradient)
    }

    static func softplus(_ x: Double) -> Double { x > 30 ? x : log1p(exp(x)) }

    static func maximise(_ rows: Rows, baselines nb: Int, covariates nc: Int, withNetwork: Bool, from start: [Double]? = nil) -> NewtonMaximiser.Result {
        var initial = start ?? []
        if start == nil {
            // Each baseline at its period's event rate: the restricted model's maximum without covariates.
            var events = [Double](repeating: 0, count: nb), total = [Double](repeating: 0, count: nb)
            for r in 0..<rows.count { total[rows.baseline[r]] += 1; if rows.event[r] { events[rows.baseline[r]] += 1 } }
            initial = (0..<nb).map { i in
                let rate = min(max((events[i] + 0.5) / (total[i] + 1), 1e-6), 1 - 1e-6)
                return log(rate / (1 - rate))
            } + [Double](repeating: 0, count: nc)
        }
        return NewtonMaximiser().maximise(start: initial) { theta in
            logLikelihood(rows, theta, baselines: nb, covariates: nc, withNetwork: withNetwork)
        }
    }
}
