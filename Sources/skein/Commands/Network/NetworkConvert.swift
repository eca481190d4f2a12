import ArgumentParser
import Foundation
import Graphs
import Provenance

/// `skein network convert`: a network from one tool's format into another's.
struct NetworkConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a network between formats: edge lists, GraphML, GEXF, Pajek, UCINET .vna, Kumu, Polinode, Excel, surveys.",
        discussion: """
            The input format is chosen from the extension and content (--format to say it); the output format from \
            the extension of OUT (--to to say it). Node attributes, weights and relation layers carry over where the \
            output format holds them (Pajek holds no attributes). `skein network convert --list` lists the formats.
            Examples:
              skein network convert map.json map.graphml            (a Kumu export into GraphML)
              skein network convert survey.csv ties.gexf --format survey --layer advice=net1_* --layer friends=net3_*
            """
    )

    @OptionGroup var graph: GraphInputOptions
    @Argument(help: ArgumentHelp("The file to write.", valueName: "out")) var output: String
    @Option(name: .long, help: "Output format (default: from the extension of OUT).") var to: String?
    @OptionGroup var outputFormat: OutputOptions

    func validate() throws {
        if let to { do { _ = try NetworkFormatCatalog.named(to) } catch { throw ValidationError("--to: \(error)") } }
    }

    func run() throws {
        let start = Date()
        let network: Graph
        let url = URL(fileURLWithPath: output)
        do {
            network = try graph.load()
            try NetworkFormatCatalog.write(network, to: url, format: to)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(start)
        if outputFormat.json {
            let record: [String: String] = [
                "input": graph.edges, "output": url.path, "nodes": String(network.nodeCount), "edges": String(network.edgeCount),
                "directed": String(network.isDirected), "attributes": network.nodes.attributeNames.joined(separator: ","),
                "seconds": String(format: "%.3f", seconds),
            ]
            print(String(decoding: try ProvenanceRecord.encoder.encode(record), as: UTF8.self))
        } else {
            let attributes = network.nodes.attributeNames
            print("\(graph.edges) → \(output): \(network.nodeCount) nodes, \(network.edgeCount) \(network.isDirected ? "arcs" : "edges")"
                  + (attributes.isEmpty ? "" : "; attributes \(attributes.joined(separator: ", "))")
                  + (network.relationNames.isEmpty ? "" : "; relations \(network.relationNames.joined(separator: ", "))"))
        }
    }
}

/// `skein network formats`: every network format, what Skein does with it and where it comes from.
struct NetworkFormats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the network formats Skein reads and writes, with their extensions."
    )

    func run() {
        for format in NetworkFormatCatalog.all {
            let modes = [format.canRead ? "reads" : nil, format.canWrite ? "writes" : nil].compactMap { $0 }.joined(separator: " and ")
            let ext = format.extensions.isEmpty ? "by --format only" : "." + format.extensions.joined(separator: ", .")
            print("\(format.name) (\(ext); \(modes))\n    \(format.summary)")
        }
    }
}
