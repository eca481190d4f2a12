// Network-metric timings on one edge list: load, components, average clustering, PageRank,
// betweenness from 500 sampled sources, Louvain, Leiden, core numbers. Best of N runs after a
// warm-up (one run when over 5 s), like the peers.
//
//   swift run -c release --package-path Benchmarks skein-network-bench EDGES [--threads N] [--repeat N]
//   swift run -c release --package-path Benchmarks skein-network-bench --generate-ba N,M [--threads N] [--repeat N]
//
// --generate-ba times our Barabási–Albert generator and measures the graph it makes (the issue's
// BA(1,000,000, m = 5) workload); the peers read the same graph from an edge list written with -o.
import Foundation
import Graphs
import NumericCore

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: skein-network-bench EDGES|--generate-ba N,M [--threads N] [--repeat N] [-o EDGES]\n".utf8))
    exit(2)
}
func option(_ name: String, default value: Int, in arguments: [String]) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return value }
    return Int(arguments[i + 1]) ?? value
}
let threads = option("--threads", default: 1, in: arguments)
/// `--only TEXT`: run just the workloads whose label contains TEXT (after loading).
let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }
func want(_ label: String) -> Bool { only.map { label.contains($0) } ?? true }
let repeats = option("--repeat", default: 3, in: arguments)

/// Best of `repeats` timed runs after a warm-up; over 5 s, the warm-up run alone is reported.
func best<T>(_ label: String, repeats: Int, _ body: () throws -> T) rethrows -> T {
    let warmStart = Date()
    var result = try body()
    var times: [Double] = []
    let warm = Date().timeIntervalSince(warmStart)
    if warm >= 5 && repeats > 0 { times.append(warm) }
    for _ in 0..<(warm >= 5 ? 0 : repeats) {
        let start = Date()
        result = try body()
        times.append(Date().timeIntervalSince(start))
    }
    if let fastest = times.min() { print("\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.4f", fastest)) s") }
    return result
}

try Compute.withThreads(threads) {
    print("skein-network-bench \(path), \(threads) thread(s)")
    let graph: Graph
    if path == "--generate-ba" {
        let spec = arguments[1].split(separator: ",").compactMap { Int($0) }
        graph = try best("generate BA(\(spec[0]), \(spec[1]))", repeats: repeats) { try BarabasiAlbert(n: spec[0], m: spec[1]).generate(seed: 1) }
        if let o = arguments.firstIndex(of: "-o"), o + 1 < arguments.count {
            try GraphWriter.write(graph, to: URL(fileURLWithPath: arguments[o + 1]))
        }
    } else {
        graph = try best("load edge list", repeats: repeats) { try GraphLoader.load(edges: URL(fileURLWithPath: path)) }
    }
    print("  n = \(graph.nodeCount), m = \(graph.edgeCount)")
    if arguments.contains("--load-only") { return }
    if want("connected components") {
        let components = best("connected components", repeats: repeats) { graph.connectedComponents() }
        print("  components = \(components.count)")
    }
    if want("average clustering") {
        let clustering = best("average clustering", repeats: repeats) { graph.clustering().average }
        print("  average clustering = \(clustering)")
    }
    if want("PageRank (unweighted)") {
        let pagerank = try best("PageRank (unweighted)", repeats: repeats) { try PageRank(useWeights: false).scores(graph) }
        print("  max PageRank = \(pagerank.max() ?? 0)")
    }
    if want("betweenness, 500 sampled sources") {
        let betweenness = best("betweenness, 500 sampled sources", repeats: repeats) { Betweenness(sampleSize: 500, seed: 1).scores(graph) }
        print("  max betweenness = \(betweenness.max() ?? 0)")
    }
    if want("Louvain (1 run)") {
        let partition = best("Louvain (1 run)", repeats: repeats) { Louvain(seed: 1).communities(graph) }
        print("  communities = \(partition.count), modularity = \(graph.modularity(partition))")
    }
    if want("Leiden") {
        let leiden = best("Leiden", repeats: repeats) { Leiden(seed: 1).communities(graph) }
        print("  communities = \(leiden.count), modularity = \(graph.modularity(leiden))")
    }
    if want("core numbers") {
        let cores = best("core numbers", repeats: repeats) { graph.coreNumbers() }
        print("  max core = \(cores.max() ?? 0)")
    }
    print("  adjacency bytes per stored entry = \(String(format: "%.2f", Double(graph.adjacencyBytes) / Double(max(1, graph.csrTargets.count))))")
}
