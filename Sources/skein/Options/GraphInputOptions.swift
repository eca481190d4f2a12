import ArgumentParser
import Foundation
import Graphs
import Tables

extension DuplicateEdgePolicy: ExpressibleByArgument {}
extension SelfLoopPolicy: ExpressibleByArgument {}

/// The input-graph options shared by network commands.
struct GraphInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Edge list: CSV, TSV or whitespace-separated, `source target [weight]`.", valueName: "edges"))
    var edges: String

    @Option(name: .long, help: ArgumentHelp("Node attributes (CSV/TSV with a header; id column first or named id/node_id).", valueName: "file"))
    var nodes: String?

    @Option(name: .long, help: "Edge list format: csv, tsv or whitespace (default: from the extension, else sniffed).")
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
        if let format, !["csv", "tsv", "whitespace"].contains(format) {
            throw ValidationError("--format must be csv, tsv or whitespace (got \(format))")
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
        return try GraphLoader.load(edges: URL(fileURLWithPath: edges), nodes: nodes.map { URL(fileURLWithPath: $0) },
                                    options: options, unknownNodes: addIsolates ? .addIsolated : .reject)
    }
}
