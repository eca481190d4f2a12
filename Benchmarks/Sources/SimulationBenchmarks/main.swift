// Simulation timings on the issue #4 workloads: 100 replicates on ba100k, each from its own 50
// random seeds; IC p = 0.01 and 0.05, LT θ = 0.10 and 0.15 (weights 1/in-degree), continuous-time
// SIR τ = 0.05, γ = 1. Best of N runs after a warm-up; mean final size printed beside each time.
//
//   swift run -c release --package-path Benchmarks skein-simulation-bench EDGES [--threads N] [--repeat N] [--replicates R]
import Foundation
import Graphs
import NumericCore
import Simulation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: skein-simulation-bench EDGES [--threads N] [--repeat N] [--replicates R]\n".utf8))
    exit(2)
}
func option(_ name: String, default value: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return value }
    return Int(arguments[i + 1]) ?? value
}
let threads = option("--threads", default: 1)
let repeats = option("--repeat", default: 5)
let replicates = option("--replicates", default: 100)

// `--scale N,M` instead of a file: one IC replicate (p = 0.05, 50 seeds) on a generated BA(N, M),
// the issue's 10-million-node, 50-million-edge check; peak memory via /usr/bin/time -v.
if path == "--scale" {
    let spec = arguments[1].split(separator: ",").compactMap { Int($0) }
    var start = Date()
    let big = try BarabasiAlbert(n: spec[0], m: spec[1]).generate(seed: 1)
    print("generated BA(\(spec[0]), \(spec[1])): \(big.edgeCount) edges in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    start = Date()
    let result = try Ensemble(replicates: 1, horizon: 200, seed: 1, seeding: .random(count: 50)).run(IndependentCascade(p: 0.05), on: Population(big))
    print("one IC replicate (p = 0.05): reach \(result.summaries[0].finalReach) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    exit(0)
}
let graph = try GraphLoader.load(edges: URL(fileURLWithPath: path))
let population = Population(graph)
print("skein-simulation-bench \(path): n = \(graph.nodeCount), m = \(graph.edgeCount), \(replicates) replicates, \(threads) thread(s)")

let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }

func bench<M: DiffusionModel>(_ label: String, _ model: M, horizon: Int, frontierKernel: Bool = false) throws {
    if let only, !label.contains(only) { return }
    var ensemble = Ensemble(replicates: replicates, horizon: horizon, seed: 1, seeding: .random(count: 50))
    ensemble.forceFrontierKernel = frontierKernel
    var result = try Compute.withThreads(threads) { try ensemble.run(model, on: population) }
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = Date()
        result = try Compute.withThreads(threads) { try ensemble.run(model, on: population) }
        times.append(Date().timeIntervalSince(start))
    }
    let mean = Double(result.summaries.map(\.finalReach).reduce(0, +)) / Double(replicates)
    let shares = result.summaries.map { Double($0.finalReach) }
    let sd = Descriptive.standardDeviation(shares)
    print("\(label.padding(toLength: 36, withPad: " ", startingAt: 0)) \(String(format: "%9.4f", times.min()!)) s   mean final size \(String(format: "%.1f", mean)) (SD \(String(format: "%.1f", sd)))")
}

try bench("IC p = 0.01", IndependentCascade(p: 0.01), horizon: 100)
try bench("IC p = 0.05", IndependentCascade(p: 0.05), horizon: 100)
try bench("LT θ = 0.10", LinearThreshold(thresholds: .fixed(0.10)), horizon: 100)
try bench("LT θ = 0.15", LinearThreshold(thresholds: .fixed(0.15)), horizon: 100)
try bench("LT θ = 0.10 (frontier kernel)", LinearThreshold(thresholds: .fixed(0.10)), horizon: 100, frontierKernel: true)
try bench("LT θ = 0.15 (frontier kernel)", LinearThreshold(thresholds: .fixed(0.15)), horizon: 100, frontierKernel: true)
try bench("SIR continuous τ = 0.05, γ = 1", ContinuousTimeSIR(transmissionRate: 0.05, abandonmentRate: 1), horizon: 100)

// Batched Friedkin–Johnsen against the bare SpMM it is built on: 64 replicates as the columns of
// one n × 64 matrix, 50 steps. The ratio is the share of SpMM throughput the model keeps.
if only == nil || "Friedkin-Johnsen".contains(only!) {
    let steps = 50, width = 64
    let fj = OpinionDynamics(susceptibility: .uniform(0.8))
    _ = try Compute.withThreads(threads) { try fj.run(on: population, replicates: width, steps: 2, seed: 1) }
    var fjTimes: [Double] = []
    for _ in 0..<repeats {
        let start = Date()
        _ = try Compute.withThreads(threads) { try fj.run(on: population, replicates: width, steps: steps, seed: 1) }
        fjTimes.append(Date().timeIntervalSince(start))
    }
    let w = population.influenceMatrix()
    let x = Matrix<Double>(rows: population.count, columns: width) { i, j in Double((i &* 31 &+ j) % 97) / 97 }
    var y = Matrix<Double>(rows: population.count, columns: width)
    var spmmTimes: [Double] = []
    for _ in 0..<repeats {
        let start = Date()
        for _ in 0..<steps { try Compute.withThreads(threads) { try w.multiply(x, into: &y) } }
        spmmTimes.append(Date().timeIntervalSince(start))
    }
    let fjBest = fjTimes.min()!, spmmBest = spmmTimes.min()!
    print("\("Friedkin-Johnsen, 64 replicates × 50 steps".padding(toLength: 36, withPad: " ", startingAt: 0)) \(String(format: "%9.4f", fjBest)) s   bare SpMM × 50: \(String(format: "%.4f", spmmBest)) s (\(String(format: "%.0f", 100 * spmmBest / fjBest))% of SpMM throughput)")
}
