import ArgumentParser
import Foundation
import Graphs
import Provenance

/// `skein network generate`: a seeded random network written as GraphML, GEXF, Pajek or an edge list.
struct NetworkGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a seeded random network (Erdős–Rényi, Watts–Strogatz, Barabási–Albert, configuration, SBM, LFR, organisation).",
        discussion: """
            Models and their parameters: `skein network generate --list`. The output format follows the \
            extension of -o (.graphml, .gexf, .net, .csv/.tsv). Same --seed, same network.
            Example: skein network generate organisation --param organisations=34 --param leaders=nurse,doctor,manager -o national.graphml
            """
    )

    @Argument(help: "Model name (see --list).") var model: String?
    @Option(name: .customLong("param"), help: ArgumentHelp("A model parameter, name=value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []
    @Option(name: .shortAndLong, help: "Output file (.graphml, .gexf, .net, .csv, .tsv).") var output: String?
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 0
    @Flag(name: .long, help: "List the models and their parameters.") var list = false
    @OptionGroup var outputFormat: OutputOptions

    func validate() throws {
        if !list {
            guard model != nil else { throw ValidationError("name a model (see --list)") }
            guard output != nil else { throw ValidationError("give an output file with -o") }
        }
    }

    func run() throws {
        if list {
            print(Self.catalogText())
            return
        }
        guard let model, let output else { return }
        let generator = try GeneratorCatalog.make(model: model, assignments: parameters)
        let start = Date()
        let graph = try generator.generate(seed: seed)
        let url = URL(fileURLWithPath: output)
        try GraphWriter.write(graph, to: url)
        let seconds = Date().timeIntervalSince(start)
        if outputFormat.json {
            let record: [String: String] = [
                "model": type(of: generator).model, "seed": String(seed), "nodes": String(graph.nodeCount),
                "edges": String(graph.edgeCount), "output": url.path, "seconds": String(format: "%.3f", seconds),
            ]
            print(String(decoding: try ProvenanceRecord.encoder.encode(record), as: UTF8.self))
        } else {
            print("\(type(of: generator).model): \(graph.nodeCount) nodes, \(graph.edgeCount) edges → \(url.path) (seed \(seed), \(String(format: "%.2f", seconds)) s)")
        }
    }

    static func catalogText() -> String {
        var lines: [String] = []
        for type in GeneratorCatalog.all {
            lines.append("\(type.model): \(type.summary)")
            for p in type.parameters {
                lines.append("    \(p.name)\(p.defaultValue.map { " (default \($0.isEmpty ? "none" : $0))" } ?? ""): \(p.help)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
