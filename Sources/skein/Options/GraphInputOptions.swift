import ArgumentParser
import Foundation
import Graphs
import Tables

extension DuplicateEdgePolicy: ExpressibleByArgument {}
extension SelfLoopPolicy: ExpressibleByArgument {}

/// The input-graph options shared by network commands.
struct GraphInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Network file: an edge list (CSV, TSV or whitespace, `source target [weight] [relation]`), GraphML, GEXF or Pajek .net.", valueName: "file"))
    var edges: String

    @Option(name: .long, help: ArgumentHelp("Node attributes (CSV/TSV with a header; id column first or named id/node_id).", valueName: "file"))
    var nodes: String?

    @Option(name: .long, help: "File format: csv, tsv, whitespace, graphml, gexf or pajek (default: from the extension, else a sniffed edge list).")
    var format: String?

    @Flag(name: .long, help: "Edges are directed (source → target).")
    var directed = false

    @Option(name: .long, help: "Repeated edges: sum (weights add up), first, last or reject.")
    var duplicates: DuplicateEdgePolicy = .sumWeights

    @Option(name: .customLong("self-loops"), help: "Edges from a node to itself: drop, keep or reject.")
    var selfLoops: SelfLoopPolicy = .drop

    @Flag(name: .long, help: "Ignore edge weights.")
    var unweighted = false

    @Flag(name: .customLong("add-isolates"), help: "Add nodes that appear only in --nodes as isolated nodes (else an error).")
    var addIsolates = false

    func validate() throws {
        if let format, !["csv", "tsv", "whitespace", "graphml", "gexf", "pajek"].contains(format) {
            throw ValidationError("--format must be csv, tsv, whitespace, graphml, gexf or pajek (got \(format))")
        }
    }

    func load() throws -> Graph {
        let delimited: DelimitedFormat? = switch format {
        case "csv": .csv
        case "tsv": .tsv
        case "whitespace": .whitespace
        default: nil
        }
        let options = EdgeListOptions(format: delimited, directed: directed, duplicates: duplicates, selfLoops: selfLoops,
                                      ignoreWeights: unweighted)
        let file: GraphFileFormat? = switch format {
        case "csv", "tsv", "whitespace": .edgelist
        case let name?: GraphFileFormat(rawValue: name)
        case nil: nil
        }
        return try GraphLoader.load(edges: URL(fileURLWithPath: edges), nodes: nodes.map { URL(fileURLWithPath: $0) },
                                    options: options, format: file, unknownNodes: addIsolates ? .addIsolated : .reject)
    }
}
