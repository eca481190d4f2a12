// Microbenchmarks of Skein's hot kernels with ordo-one/benchmark (package-benchmark): wall clock,
// instructions and allocations per call, with baselines and regression thresholds from the tool.
//
//   make bench-micro                                     # all, release mode
//   cd Benchmarks && swift package benchmark baseline update main      # record a baseline
//   cd Benchmarks && swift package benchmark baseline check main       # fail on a regression
//
// Sizes are small enough for many samples per second; the end-to-end workloads are `skein bench`'s.
import Analysis
import Benchmark
import Graphs
import NumericCore
import Simulation

/// A CSR matrix with `perRow` random columns per row (values 1), as a graph's adjacency.
func randomSparse(rows: Int, perRow: Int, seed: UInt64) throws -> SparseMatrix<Double> {
    var rng = Xoshiro256PlusPlus(seed: seed)
    var offsets = [0], columns: [UInt32] = []
    for _ in 0..<rows {
        let picks = Set((0..<perRow).map { _ in UInt32(rng.nextInt(below: rows)) }).sorted()
        columns += picks
        offsets.append(columns.count)
    }
    return try SparseMatrix(rows: rows, columns: rows, rowOffsets: offsets, columnIndices: columns,
                            values: [Double](repeating: 1, count: columns.count))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .instructions, .mallocCountTotal], maxDuration: .seconds(2))

    Benchmark("SpMV 100k × 100k, 1M entries") { benchmark in
        let a = try randomSparse(rows: 100_000, perRow: 10, seed: 1)
        let x = [Double](repeating: 1, count: 100_000)
        var y = [Double](repeating: 0, count: 100_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try a.multiply(x, into: &y) }
        blackHole(y)
    }

    Benchmark("SpMM 100k × 100k × 64 columns, 1M entries") { benchmark in
        let a = try randomSparse(rows: 100_000, perRow: 10, seed: 2)
        let x = Matrix<Double>(rows: 100_000, columns: 64, repeating: 1)
        var y = Matrix<Double>(rows: 100_000, columns: 64)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try a.multiply(x, into: &y) }
        blackHole(y)
    }

    Benchmark("Independent cascade, BA(10⁴, 5), p = 0.05, 16 replicates") { benchmark in
        let population = Population(try BarabasiAlbert(n: 10_000, m: 5).generate(seed: 1))
        let ensemble = Ensemble(replicates: 16, horizon: 50, seed: 3, seeding: .random(count: 50))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try ensemble.run(IndependentCascade(p: 0.05), on: population)) }
    }

    Benchmark("Linear threshold θ = 0.1, BA(10⁴, 5), 64 replicates (lane kernel)") { benchmark in
        let population = Population(try BarabasiAlbert(n: 10_000, m: 5).generate(seed: 1))
        let ensemble = Ensemble(replicates: 64, horizon: 50, seed: 3, seeding: .random(count: 50))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try ensemble.run(LinearThreshold(thresholds: .fixed(0.1)), on: population))
        }
    }

    Benchmark("Leiden, BA(10⁴, 5)") { benchmark in
        let graph = try BarabasiAlbert(n: 10_000, m: 5).generate(seed: 1)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(Leiden(seed: 1).communities(graph)) }
    }

    Benchmark("k-means, 5 000 points × 100 dimensions, k = 20") { benchmark in
        var rng = Xoshiro256PlusPlus(seed: 4)
        let points = Matrix<Double>(rows: 5_000, columns: 100) { _, _ in rng.nextUnitDouble() }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try KMeans(k: 20, restarts: 1, seed: 1).fit(points)) }
    }

    // As TfidfVectorizer tokenises: stems cached across responses, so each distinct word is stemmed once.
    Benchmark("Tokenise 1 000 responses (stems cached, as the vectorizer does)") { benchmark in
        let words = ["staff", "training", "patients", "waiting", "communication", "rota", "managers", "listening", "discharge", "teams"]
        var rng = Xoshiro256PlusPlus(seed: 5)
        let texts = (0..<1_000).map { _ in (0..<12).map { _ in words[rng.nextInt(below: words.count)] }.joined(separator: " ") }
        let tokenizer = Tokenizer()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var stems: [String: String] = [:]
            for t in texts { blackHole(tokenizer.terms(t, cache: &stems)) }
        }
    }
}
