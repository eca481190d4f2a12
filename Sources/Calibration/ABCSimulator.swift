import Diffusion
import Foundation
import Graphs
import NumericCore
import Scenarios
import Simulation
import Tables

/// The simulations behind an ABC calibration: the data's summaries, the engine prepared once on the
/// data's network, the priors, and each draw's run from its own stream (seed, draw). A draw's
/// summaries depend on nothing else, so any range of draws can run on any thread or machine (a
/// Slurm task) and the calibration that collects them equals the one run in one process.
public struct ABCSimulator: Sendable {
    /// One simulation's summaries: the cumulative share per period and the mean exposure at
    /// adoption (NaN where nobody adopted after the first period).
    public struct Simulated: Sendable, Equatable {
        public var curve: [Double]
        public var threshold: Double

        public init(curve: [Double], threshold: Double) {
            self.curve = curve
            self.threshold = threshold
        }
    }

    public let data: DiffusionData
    public let spec: ModelSpec
    public let fit: [FittedParameter]
    public let seed: UInt64
    let names: [String]
    let population: Population
    let template: Ensemble
    let observedCurve: [Double]
    let observedThreshold: Double
    /// Matching the mean threshold too (asked for, and the data have one).
    let useThreshold: Bool
    /// The data's ties (CSR), read once for every simulation's thresholds.
    let offsets: [Int]
    let targets: [UInt32]

    /// `spec` with its fixed parameters; `interventions` and `waning` (a scenario's) run in every simulation.
    public init(_ data: DiffusionData, model spec: ModelSpec, interventions: [any Intervention] = [], waning: WaningCommitment? = nil,
                fit: [FittedParameter], individual: Bool = true, seed: UInt64 = 0) throws {
        for p in fit { try p.check(against: type(of: spec.model)) }
        let influence = try CalibratedScenario.influenceNetwork(data.graph)
        population = Population(influence)
        let seeds = data.labels.indices.filter { data.adoption[$0] == 1 }.map { data.labels[$0] }
        // No breakdown: only reach (and adoption times) are compared.
        var ensemble = Ensemble(replicates: 1, horizon: max(1, data.periods - 1), seed: seed, seeding: .nodes(seeds), breakdown: [])
        ensemble.interventions = interventions
        ensemble.waning = waning
        ensemble.recordAgents = individual
        ensemble.preparedSeeding = try ensemble.seeding.prepare(population, seed: seed)
        template = ensemble
        observedCurve = AdoptionCurve(data).shares
        observedThreshold = ValenteThresholds(data).mean
        useThreshold = individual && observedThreshold.isFinite
        offsets = data.graph.csrOffsets
        targets = data.graph.csrTargets
        self.data = data
        self.spec = spec
        self.fit = fit
        self.seed = seed
        names = fit.map(\.name)
    }

    /// What the distance compares, in words.
    public var summaries: [String] {
        ["cumulative adoption curve"] + (useThreshold ? ["mean exposure at adoption (Valente threshold)"] : [])
    }

    /// One draw from the uniform priors.
    func prior(_ rng: inout Xoshiro256PlusPlus) -> [Double] { fit.map { $0.low + ($0.high - $0.low) * rng.nextUnitDouble() } }

    /// The stream every calibration's prior draws come from first.
    func priorStream() -> Xoshiro256PlusPlus { Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .sampling) }

    /// Rejection ABC's `count` prior draws, in order: the same on every machine, so a task can
    /// regenerate them all and run its own range.
    public func rejectionDraws(_ count: Int) -> [[Double]] {
        var rng = priorStream()
        return (0..<count).map { _ in prior(&rng) }
    }

    /// Draws run as replicates of one ensemble this many at a time: one workspace per worker and one
    /// result buffer per block instead of an ensemble set up per draw (the set-up was most of a
    /// simulation's time on networks of a few hundred people).
    static let block = 2048

    /// Draws `offset ..< offset + thetas.count`, draw k as replicate k of one ensemble (its streams
    /// (seed, k)), in parallel across the cores: the same summaries in any block, on any thread
    /// count or machine.
    public func run(_ thetas: [[Double]], offset: Int) throws -> [Simulated] {
        var out: [Simulated] = []
        out.reserveCapacity(thetas.count)
        for start in stride(from: 0, to: thetas.count, by: Self.block) {
            let block = thetas[start..<min(thetas.count, start + Self.block)]
            let changes = block.map { theta in Dictionary(uniqueKeysWithValues: zip(names, theta)) }
            let result = try spec.run(template, each: changes, from: offset + start, on: population)
            out += summaries(of: result)
        }
        return out
    }

    /// Each replicate's cumulative share per period and, where matched, mean exposure at adoption.
    func summaries(of result: EnsembleResult) -> [Simulated] {
        let steps = result.horizon + 1, n = data.count, periods = data.periods
        var out = (0..<result.replicates).map { r in
            Simulated(curve: (0..<periods).map { t in Double(result.reach[r * steps + min(t, steps - 1)]) / Double(max(1, n)) },
                      threshold: .nan)
        }
        guard useThreshold else { return out }
        out.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(count: result.replicates, workerState: { [Int32](repeating: 0, count: n) }) { adoption, r in
                for v in 0..<n {
                    let at = result.agentAdoptedAt[r * n + v]
                    adoption[v] = at >= 0 ? Int32(at) + 1 : 0
                }
                out[r].threshold = ValenteThresholds.meanThreshold(adoption: adoption, offsets: offsets, targets: targets)
            }
        }
        return out
    }

    /// Root mean square of the curve's differences, with the threshold's difference added in quadrature.
    public func distance(_ s: Simulated) -> Double {
        var sum = 0.0
        for t in 0..<observedCurve.count { sum += (s.curve[t] - observedCurve[t]) * (s.curve[t] - observedCurve[t]) }
        var d2 = sum / Double(max(1, observedCurve.count))
        if useThreshold { d2 += s.threshold.isNaN ? 1 : (s.threshold - observedThreshold) * (s.threshold - observedThreshold) }
        return d2.squareRoot()
    }

    /// SHA-256 of everything a draw's run depends on: the data (who, when, the network), the model
    /// and its fixed values, the priors, the seed and the summaries. Shards of a calibration whose
    /// inputs changed between tasks are never combined.
    public var fingerprint: String {
        var text: [String] = [spec.name]
        text.append(spec.values.keys.sorted().map { key in "\(key)=\(spec.values[key]!)" }.joined(separator: ","))
        text.append(fit.map { p in "\(p.name)=\(p.low):\(p.high)" }.joined(separator: ","))
        text += [String(seed), summaries.joined(separator: ";"), String(describing: template.interventions)]
        text.append(template.waning.map { w in String(describing: w) } ?? "-")
        text.append(data.labels.joined(separator: ","))
        text.append(data.adoption.map { a in a.map { String($0) } ?? "-" }.joined(separator: ","))
        text.append(String(data.periods))
        text.append(observedCurve.map { String($0.bitPattern, radix: 16) }.joined(separator: ","))
        let g = population.graph
        text.append(g.csrOffsets.map(String.init).joined(separator: ","))
        text.append(g.csrTargets.map(String.init).joined(separator: ","))
        return SHA256.hex(Data(text.joined(separator: "\n").utf8))
    }
}
