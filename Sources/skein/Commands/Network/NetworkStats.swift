import ArgumentParser

extension CommunityMethod: ExpressibleByArgument {}
import Foundation
import Graphs
import Provenance

/// `skein network stats`: the analyst's summary of a network.
struct NetworkStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise a network: size, components, clustering, paths, E-I by attribute, brokers, hubs, communities.",
        discussion: """
            Average path length and diameter are exact up to 20 000 nodes and estimated from --path-sources \
            random sources above (with a 95% interval); betweenness is exact up to 5 000 nodes and sampled \
            above. Communities: Leiden (default) or Louvain with multi-level refinement. Same --seed, same output.
            """
    )

    @OptionGroup var input: GraphInputOptions
    @Option(name: .long, help: "Seed for sampled paths and betweenness and for Louvain.") var seed: UInt64 = 0
    @Option(name: .customLong("path-sources"), help: "Sources for sampled path lengths on large graphs.") var pathSources = 500
    @Option(name: .customLong("betweenness-sources"), help: "Sources for sampled betweenness on large graphs.") var betweennessSources = 500
    @Option(name: .long, help: "Community detection: leiden (connected communities) or louvain.") var communities: CommunityMethod = .leiden
    @Option(name: .long, help: "Louvain runs, best kept (default: 8 up to 10 000 nodes, else 1).") var restarts: Int?
    @Option(name: .long, help: "How many brokers and hubs to list.") var top = 5
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard pathSources > 0, betweennessSources > 0 else { throw ValidationError("--path-sources and --betweenness-sources must be positive") }
        if let restarts, restarts < 1 { throw ValidationError("--restarts must be at least 1 (got \(restarts))") }
        guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    }

    func run() throws {
        let summary: NetworkSummary = try compute.run {
            let graph = try input.load()
            var options = NetworkSummary.Options()
            options.seed = seed
            options.pathSources = pathSources
            options.betweennessSources = betweennessSources
            options.louvainRestarts = restarts
            options.communityMethod = communities
            options.top = top
            return try NetworkSummary(graph, options: options)
        }
        if output.json {
            print(try OutputOptions.text(summary, encoder: ProvenanceRecord.encoder))
        } else {
            print(Self.text(summary, file: input.edges))
        }
    }

    static func text(_ s: NetworkSummary, file: String) -> String {
        func f(_ x: Double, _ digits: Int = 3) -> String { x.isNaN ? "n/a" : String(format: "%.\(digits)f", x) }
        var lines = [
            "network     \(file)",
            "size        \(s.nodes) nodes, \(s.edges) \(s.directed ? "arcs (directed)" : "edges")\(s.weighted ? ", weighted" : "")\(s.selfLoops > 0 ? ", \(s.selfLoops) self-loops" : "")",
            "density     \(f(s.density, 5))   degree mean \(f(s.degree.mean, 2)), median \(f(s.degree.median, 1)), max \(s.degree.maximum)",
            "components  \(s.components)\(s.directed ? " weak, \(s.strongComponents ?? 0) strong" : ""); largest has \(s.largestComponent) nodes (\(f(100 * Double(s.largestComponent) / Double(max(1, s.nodes)), 1))%)",
            "clustering  average \(f(s.averageClustering)), transitivity \(f(s.transitivity))",
        ]
        var paths = "paths       average \(f(s.averagePathLength)) steps, diameter \(s.diameter)"
        if let ci = s.averagePathLengthCI { paths += " (estimated from \(s.pathLengthSources) sources; 95% CI \(f(ci[0]))–\(f(ci[1])); diameter ≥)" }
        lines.append(paths)
        lines.append("assortativity by degree \(f(s.degreeAssortativity))")
        for b in s.boundaries {
            lines.append("boundary    \(b.attribute): E-I \(f(b.eiIndex)) (\(b.externalTies) ties across, \(b.internalTies) within), assortativity \(f(b.assortativity))")
            let groups = b.groups.prefix(6).map { "\($0.name) \(f($0.eiIndex, 2))" }.joined(separator: ", ")
            if !groups.isEmpty { lines.append("            by group: \(groups)\(b.groups.count > 6 ? ", …" : "")") }
        }
        func ranked(_ list: [NetworkSummary.RankedNode], _ digits: Int) -> String {
            list.map { "\($0.node) (\(f($0.value, digits)))" }.joined(separator: ", ")
        }
        lines.append("brokers     \(ranked(s.topBrokers, 3))\(s.betweennessExact ? "" : "  [sampled betweenness]")")
        lines.append("hubs        \(ranked(s.topHubs, 0))")
        lines.append("pagerank    \(ranked(s.topPagerank, 4))")
        lines.append("spanners    \(ranked(s.topStructuralHoles, 3))  [lowest Burt constraint]")
        lines.append("k-core      max core \(s.maxCore) (\(s.maxCoreSize) nodes)")
        lines.append("communities \(s.communities) (\(s.communityMethod.capitalized), modularity \(f(s.modularity))); sizes \(s.communitySizes.prefix(10).map(String.init).joined(separator: ", "))\(s.communitySizes.count > 10 ? ", …" : "")")
        return lines.joined(separator: "\n")
    }
}
