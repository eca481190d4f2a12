// Numeric-core kernel benchmarks: copy bandwidth (the memory ceiling), GEMM (GFLOP/s), CSR SpMV
// and SpMM (effective GB/s). Every kernel result is checked against an independent computation
// before its time is reported.
//
//   swift run -c release --package-path Benchmarks skein-kernels [--quick] [--threads N] [--out FILE]
import Foundation
import NumericCore
import Provenance

struct Options {
    var quick = false
    var threads = Compute.defaultThreads
    var out: String?
    var repeats = 5

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--quick": quick = true
            case "--threads": i += 1; threads = Int(args[i]) ?? threads
            case "--repeat": i += 1; repeats = Int(args[i]) ?? repeats
            case "--out": i += 1; out = args[i]
            default:
                FileHandle.standardError.write(Data("unknown argument \(args[i])\n".utf8))
                exit(2)
            }
            i += 1
        }
    }
}

struct Measurement: Codable {
    var name: String
    var threads: Int
    var seconds: [Double]
    var unit: String
    var work: Double            // flops or bytes per run
    var best: Double            // work / min(seconds) in GFLOP/s or GB/s
    var median: Double
    var check: String
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// One warm-up, then `repeats` timed runs.
func time(_ repeats: Int, _ body: () throws -> Void) rethrows -> [Double] {
    try body()
    return try (0..<repeats).map { _ in
        let start = now()
        try body()
        return now() - start
    }
}

func report(_ name: String, threads: Int, seconds: [Double], work: Double, unit: String, check: String) -> Measurement {
    let sorted = seconds.sorted()
    let m = Measurement(name: name, threads: threads, seconds: seconds, unit: unit, work: work,
                        best: work / sorted[0] / 1e9, median: work / sorted[sorted.count / 2] / 1e9, check: check)
    let padded = name.padding(toLength: 46, withPad: " ", startingAt: 0)
    print("\(padded) \(threads)T  best \(String(format: "%8.2f", m.best)) \(unit)  median \(String(format: "%8.2f", m.median)) \(unit)  (\(String(format: "%.4f", sorted[0])) s)  \(check)")
    return m
}

/// STREAM "copy" a[i] = b[i] over arrays far larger than cache: 2 × 8 bytes per element moved.
func copyBandwidth(elements n: Int, repeats: Int, threads: Int) -> Measurement {
    var a = [Double](repeating: 0, count: n)
    let b = (0..<n).map { Double($0 & 1023) }
    let seconds = Compute.withThreads(threads) {
        time(repeats) {
            a.withUnsafeMutableBufferPointer { dst in
                b.withUnsafeBufferPointer { src in
                    let d = UncheckedSendable(dst.baseAddress!), s = UncheckedSendable(src.baseAddress!)
                    // One chunk per thread: each memcpy is large enough for glibc to use
                    // non-temporal stores, as STREAM-tuned copies do, so this is the real ceiling.
                    Parallel.forEachChunk(count: n, grain: n / threads) { _, range in
                        (d.value + range.lowerBound).update(from: s.value + range.lowerBound, count: range.count)
                    }
                }
            }
        }
    }
    let ok = a[n - 1] == b[n - 1] && a[n / 2] == b[n / 2]
    return report("copy a = b (\(n / 1_000_000)M doubles)", threads: threads, seconds: seconds,
                  work: Double(2 * n * 8), unit: "GB/s", check: ok ? "verified" : "WRONG")
}

func gemm<T: BLASScalar>(_: T.Type, n: Int, repeats: Int, threads: Int) throws -> Measurement {
    var g = Xoshiro256PlusPlus(seed: 1, replicate: 0, purpose: .sampling)
    let a = Matrix<T>.gaussian(rows: n, columns: n, using: &g)
    let b = Matrix<T>.gaussian(rows: n, columns: n, using: &g)
    var c = Matrix<T>(rows: n, columns: n)
    let seconds = try Compute.withThreads(threads) { try time(repeats) { try Matrix.gemm(a, b, into: &c) } }
    // Check 16 entries against dot products accumulated in Double.
    var worst = 0.0
    for _ in 0..<16 {
        let i = g.nextInt(below: n), j = g.nextInt(below: n)
        var s = 0.0
        for k in 0..<n { s += Double(a[i, k]) * Double(b[k, j]) }
        worst = max(worst, abs(Double(c[i, j]) - s) / n.squareRootDouble)
    }
    let ok = worst < (T.self == Float.self ? 1e-4 : 1e-12)
    return report("\(T.lapackPrefix)gemm \(n)×\(n)", threads: threads, seconds: seconds,
                  work: 2 * Double(n) * Double(n) * Double(n), unit: "GFLOP/s",
                  check: ok ? "verified" : "WRONG (\(worst))")
}

extension Int { var squareRootDouble: Double { Double(self).squareRoot() } }

enum Pattern { case uniform, banded(Int), zipf(Double) }

/// A rows × columns CSR matrix with `perRow` entries per row. Uniform columns have no reuse; banded
/// keeps columns within ±band of the row (a graph after bandwidth-reducing reordering); Zipf draws
/// column ranks with P(r) ∝ r^−s, the term frequencies of a TF-IDF matrix of short responses.
func randomCSR<T: BLASScalar>(_: T.Type, rows: Int, columns: Int, perRow: Int, pattern: Pattern) throws -> SparseMatrix<T> {
    var g = Xoshiro256PlusPlus(seed: 2, replicate: 0, purpose: .sampling)
    var zipfCDF: [Double] = []
    if case let .zipf(s) = pattern {
        var total = 0.0
        zipfCDF = (1...columns).map { total += 1 / Foundation.pow(Double($0), s); return total }
        zipfCDF = zipfCDF.map { $0 / total }
    }
    var offsets = [0]
    offsets.reserveCapacity(rows + 1)
    var cols: [UInt32] = []
    cols.reserveCapacity(rows * perRow)
    var vals: [T] = []
    vals.reserveCapacity(rows * perRow)
    var row = Set<Int>()
    for i in 0..<rows {
        row.removeAll(keepingCapacity: true)
        while row.count < perRow {
            switch pattern {
            case .uniform:
                row.insert(g.nextInt(below: columns))
            case let .banded(band):
                let lo = max(0, i - band), hi = min(columns, i + band + 1)
                row.insert(lo + g.nextInt(below: hi - lo))
            case .zipf:
                let u = g.nextUnitDouble()
                var lo = 0, hi = columns - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if zipfCDF[mid] < u { lo = mid + 1 } else { hi = mid }
                }
                row.insert(lo)
            }
        }
        for c in row.sorted() {
            cols.append(UInt32(c))
            vals.append(T(g.nextUnitDouble() - 0.5))
        }
        offsets.append(cols.count)
    }
    return try SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: cols, values: vals)
}

func spmv<T: BLASScalar>(_ a: SparseMatrix<T>, label: String, repeats: Int, threads: Int) throws -> Measurement {
    var g = Xoshiro256PlusPlus(seed: 3, replicate: 0, purpose: .sampling)
    let x = (0..<a.columns).map { _ in T(g.nextUnitDouble()) }
    var y = [T](repeating: 0, count: a.rows)
    let seconds = try Compute.withThreads(threads) { try time(repeats) { try a.multiply(x, into: &y) } }
    var worst = 0.0
    for _ in 0..<32 {
        let i = g.nextInt(below: a.rows)
        let r = a.row(i)
        var s = 0.0
        for (c, v) in zip(r.columns, r.values) { s += Double(v) * Double(x[Int(c)]) }
        worst = max(worst, abs(s - Double(y[i])))
    }
    let size = MemoryLayout<T>.size
    let bytes = Double(a.storageBytes + a.columns * size + a.rows * size)
    return report("SpMV \(label) \(T.blasName)", threads: threads, seconds: seconds, work: bytes, unit: "GB/s",
                  check: worst < 1e-4 ? "verified" : "WRONG (\(worst))")
}

func spmm<T: BLASScalar>(_ a: SparseMatrix<T>, columns k: Int, label: String, repeats: Int, threads: Int) throws -> Measurement {
    var g = Xoshiro256PlusPlus(seed: 4, replicate: 0, purpose: .sampling)
    let x = Matrix<T>(rows: a.columns, columns: k) { _, _ in T(g.nextUnitDouble()) }
    var y = Matrix<T>(rows: a.rows, columns: k)
    let seconds = try Compute.withThreads(threads) { try time(repeats) { try a.multiply(x, into: &y) } }
    var worst = 0.0
    for _ in 0..<32 {
        let i = g.nextInt(below: a.rows), j = g.nextInt(below: k)
        let r = a.row(i)
        var s = 0.0
        for (c, v) in zip(r.columns, r.values) { s += Double(v) * Double(x[Int(c), j]) }
        worst = max(worst, abs(s - Double(y[i, j])))
    }
    // Compulsory traffic: the matrix once, X once, Y written once. Gathered traffic: a row of X per
    // stored entry, which is what a matrix without reuse (random columns) must move from L3 or DRAM.
    let size = MemoryLayout<T>.size
    let bytes = Double(a.storageBytes + a.columns * k * size + a.rows * k * size)
    let gathered = Double(a.storageBytes + a.nonzeroCount * k * size + a.rows * k * size)
    let gatheredRate = gathered / seconds.min()! / 1e9
    return report("SpMM \(label) ×\(k) \(T.blasName)", threads: threads, seconds: seconds, work: bytes, unit: "GB/s",
                  check: (worst < 1e-3 ? "verified" : "WRONG (\(worst))") + String(format: "; gathered %.1f GB/s", gatheredRate))
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let record = Compute.withThreads(options.threads) { ProvenanceRecord.current() }
print("skein kernel benchmarks — \(record.machine.cpuModel), \(record.machine.logicalCores) cores, OpenBLAS \(record.blas.version) (\(record.blas.coreName)), skein \(BuildInfo.versionString)")
let quick = options.quick
let (rows, perRow, gemmN, copyN) = quick ? (100_000, 10, 500, 4_000_000) : (1_000_000, 10, 2000, 64_000_000)
let r = options.repeats
var results: [Measurement] = []
let threadCounts = Array(Set([1, options.threads])).sorted()
for t in threadCounts { results.append(copyBandwidth(elements: copyN, repeats: r, threads: t)) }
for t in threadCounts {
    results.append(try gemm(Double.self, n: gemmN, repeats: r, threads: t))
    results.append(try gemm(Float.self, n: gemmN, repeats: r, threads: t))
}
let uniform = try randomCSR(Double.self, rows: rows, columns: rows, perRow: perRow, pattern: .uniform)
let banded = try randomCSR(Double.self, rows: rows, columns: rows, perRow: perRow, pattern: .banded(5000))
let vocabulary = rows / 20
let tfidf = try randomCSR(Double.self, rows: rows, columns: vocabulary, perRow: perRow, pattern: .zipf(1.07))
let label = "\(rows / 1000)k×\(rows / 1000)k nnz \(uniform.nonzeroCount / 1000)k"
for t in threadCounts {
    results.append(try spmv(uniform, label: "\(label) uniform", repeats: r, threads: t))
    results.append(try spmv(banded, label: "\(label) banded", repeats: r, threads: t))
    results.append(try spmm(uniform, columns: 64, label: "\(label) uniform", repeats: r, threads: t))
    results.append(try spmm(banded, columns: 64, label: "\(label) banded", repeats: r, threads: t))
}
let tfidfLabel = "\(rows / 1000)k×\(vocabulary / 1000)k nnz \(tfidf.nonzeroCount / 1000)k"
let tfidfFloat = try randomCSR(Float.self, rows: rows, columns: vocabulary, perRow: perRow, pattern: .zipf(1.07))
for t in threadCounts {
    results.append(try spmm(tfidf, columns: 64, label: "\(tfidfLabel) zipf", repeats: r, threads: t))
    results.append(try spmm(tfidfFloat, columns: 64, label: "\(tfidfLabel) zipf", repeats: r, threads: t))
}

if let out = options.out {
    struct Output: Codable { let provenance: ProvenanceRecord; let date: String; let results: [Measurement] }
    let data = try ProvenanceRecord.encoder.encode(Output(provenance: record, date: ISO8601DateFormatter().string(from: Date()), results: results))
    let url = URL(fileURLWithPath: out)
    try data.write(to: url, options: .atomic)
    print("wrote \(out)")
}
if results.contains(where: { !$0.check.hasPrefix("verified") }) { exit(1) }
