import ArgumentParser
import Foundation
import Graphs
import Tables

extension DuplicateEdgePolicy: ExpressibleByArgument {}
extension SelfLoopPolicy: ExpressibleByArgument {}
extension SurveyOptions.Matching: ExpressibleByArgument {}

/// The input-graph options shared by network commands.
struct GraphInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Network file: an edge list (CSV, TSV or whitespace), GraphML, GEXF, Pajek .net, UCINET .vna, a Kumu or Polinode map (.json or .xlsx), a NodeXL or other Excel workbook, or a name-generator survey (--format survey).", valueName: "file"))
    var edges: String

    @Option(name: .long, help: ArgumentHelp("Node attributes (CSV/TSV with a header; id column first or named id/node_id).", valueName: "file"))
    var nodes: String?

    @Option(name: .long, help: "File format: \(NetworkFormatCatalog.names.joined(separator: ", ")), or csv, tsv, whitespace for an edge list (default: from the extension and content).")
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

    @Option(name: .customLong("nodes-sheet"), help: "Workbook sheet of people (default: Elements, Nodes, Vertices, …); for a survey workbook, the sheet of answers.")
    var nodesSheet: String?

    @Option(name: .customLong("edges-sheet"), help: "Workbook sheet of ties (default: Connections, Edges, Ties, … or the sheet with source and target columns).")
    var edgesSheet: String?

    @OptionGroup(title: "Name-generator surveys (--format survey)") var survey: SurveyInputOptions

    func validate() throws {
        if let format, !["csv", "tsv", "whitespace"].contains(format) {
            do { _ = try NetworkFormatCatalog.named(format) } catch { throw ValidationError("--format: \(error)") }
        }
        try survey.validate()
    }

    var readOptions: NetworkReadOptions {
        let delimited: DelimitedFormat? = switch format {
        case "csv": .csv
        case "tsv": .tsv
        case "whitespace": .whitespace
        default: nil
        }
        let options = EdgeListOptions(format: delimited, directed: directed, duplicates: duplicates, selfLoops: selfLoops,
                                      ignoreWeights: unweighted)
        return NetworkReadOptions(edges: options, nodesSheet: nodesSheet, edgesSheet: edgesSheet, survey: survey.options,
                                  notice: { FileHandle.standardError.write(Data("note: \($0)\n".utf8)) })
    }

    func load() throws -> Graph {
        try GraphLoader.load(edges: URL(fileURLWithPath: edges), nodes: nodes.map { URL(fileURLWithPath: $0) },
                             read: readOptions, format: format, unknownNodes: addIsolates ? .addIsolated : .reject)
    }
}

/// How a name-generator survey names respondents and nominees.
struct SurveyInputOptions: ParsableArguments {
    @Option(name: .long, help: "Survey: the respondent id column (default: id, respondent, node_id, or the first column).")
    var respondent: String?

    @Option(name: .long, help: ArgumentHelp("Survey: nominee columns of one relation, comma-separated (net1_1,net1_2 or net1_*); default: columns named nominee1.., net1_1.. grouped by prefix.", valueName: "columns"))
    var nominees: String?

    @Option(name: .long, help: ArgumentHelp("Survey: a relation layer and its nominee columns, name=columns (advice=net1_*); repeatable.", valueName: "name=columns"))
    var layer: [String] = []

    @Option(name: .long, help: "Survey: ids are unique within this column's groups (town, village); nominees are in their nominator's group.")
    var group: String?

    @Option(name: .long, help: "Survey: match nominees to respondents by id or name (case and spacing ignored).")
    var match: SurveyOptions.Matching = .id

    @Option(name: .long, help: "Survey: the respondents' name column, for --match name (default: name, full name, label).")
    var names: String?

    @Flag(name: .customLong("keep-unsurveyed"), help: "Survey: keep nominees who did not answer (else dropped, as netdiffuseR does).")
    var keepUnsurveyed = false

    func validate() throws {
        for spec in layer where !spec.contains("=") {
            throw ValidationError("--layer takes name=columns (advice=net1_*), got \(spec)")
        }
        if nominees != nil && !layer.isEmpty { throw ValidationError("give --nominees or --layer, not both") }
    }

    var options: SurveyOptions {
        var layers: [SurveyOptions.Layer] = []
        // One list given as --nominees is one layer with no relation name on its ties.
        if let nominees { layers.append(.init(name: "", columns: Self.columns(nominees))) }
        for spec in layer {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            layers.append(.init(name: parts[0], columns: Self.columns(parts.count > 1 ? parts[1] : "")))
        }
        return SurveyOptions(respondent: respondent, names: names, layers: layers, group: group, matching: match,
                             keepUnsurveyed: keepUnsurveyed)
    }

    static func columns(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
