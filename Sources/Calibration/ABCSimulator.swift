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
        var ensemble = Ensemble(replicates: 1, horizon: max(1, data.periods - 1), seed: seed, seeding: .nodes(seeds))
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

    /// Simulates draw `k` with parameters `theta` from its own stream (seed, k): thread-invariant.
    public func simulate(_ theta: [Double], _ k: Int) throws -> Simulated {
        var e = template
        e.seed = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(k + 1))
        let model = try spec.with(Dictionary(uniqueKeysWithValues: zip(names, theta)))
        let result = try model.run(e, on: population)
        let steps = result.horizon + 1
        let curve = (0..<data.periods).map { t in Double(result.reach[min(t, steps - 1)]) / Double(max(1, data.count)) }
        var threshold = Double.nan
        if useThreshold {
            var adoption = [Int32](repeating: 0, count: data.count)
            for v in 0..<data.count where result.agentAdoptedAt[v] >= 0 { adoption[v] = Int32(result.agentAdoptedAt[v]) + 1 }
            threshold = ValenteThresholds.meanThreshold(adoption: adoption, offsets: offsets, targets: targets)
        }
        return Simulated(curve: curve, threshold: threshold)
    }

    /// Draws `offset ..< offset + thetas.count`, in parallel across the cores.
    public func run(_ thetas: [[Double]], offset: Int) throws -> [Simulated] {
        var out = [Simulated?](repeating: nil, count: thetas.count)
        var failure: Error?
        let lock = NSLock()
        out.withUnsafeMutableBufferPointer { buffer in
            Parallel.forEach(count: thetas.count) { i in
                do { buffer[i] = try simulate(thetas[i], offset + i) } catch { lock.lock(); failure = failure ?? error; lock.unlock() }
            }
        }
        if let failure { throw failure }
        return out.map { $0! }
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
