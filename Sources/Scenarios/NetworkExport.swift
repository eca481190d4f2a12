import Foundation
import Graphs
import Outputs
import Tables

/// A run's network with its results on every person, for Gephi, Kumu, networkx or yEd: the
/// scenario's network rebuilt as the run built it (same file, or same generator and seed), every
/// attribute it has, and each person's `adoption_probability`, `mean_adoption_time` and (where the
/// run tracked it) `mean_commitment` from the run folder's `agents.csv` (or `network.csv`).
public enum NetworkExport {
    public enum ExportError: Error, CustomStringConvertible, Equatable {
        case noManifest(String)
        case noResults(String)
        case networkChanged(String, why: String)

        public var description: String {
            switch self {
            case let .noManifest(dir): return "\(dir): no manifest.json (not a complete run folder)"
            case let .noResults(dir):
                return "\(dir): the run kept no per-person results; rerun it with outputs: {agents: true} in the scenario (or --set outputs.agents=true)"
            case let .networkChanged(dir, why): return "\(dir): the network is not the one the run used (\(why)); rerun the scenario"
            }
        }
    }

    /// The network of the run in `dir` with its per-person results as node attributes.
    public static func graph(run dir: URL) throws -> (graph: Graph, horizon: Int) {
        let folder = try RunFolder.read(dir)
        guard let manifest = folder.manifest else { throw ExportError.noManifest(dir.path) }
        let scenario = try ScenarioLoader.load(manifest.scenarioFile, overrides: (manifest.overrides ?? []) + ["seed=\(manifest.seed)"])
        let resolved = try JSONDecoder().decode(JSONValue.self, from: JSONSerialization.data(withJSONObject: scenario.resolved.jsonObject, options: [.sortedKeys]))
        guard resolved["network"] == manifest.scenario["network"] else {
            throw ExportError.networkChanged(dir.path, why: "the network section of \(manifest.scenarioFile) differs from the one in manifest.json")
        }
        var graph = try scenario.prepare().graph
        let table: URL
        if FileManager.default.fileExists(atPath: folder.url(RunFolder.File.agents).path) {
            table = folder.url(RunFolder.File.agents)
        } else if FileManager.default.fileExists(atPath: folder.url(RunFolder.File.network).path) {
            table = folder.url(RunFolder.File.network)
        } else {
            throw ExportError.noResults(dir.path)
        }
        let cells = try CellTable.read(table)
        guard let node = cells.column(["node"]), let label = cells.column(["label"]),
              let probability = cells.column(["adoption_probability"]), let time = cells.column(["mean_adoption_time"]) else {
            throw cells.headerError("expected the columns \(RunFolder.agentColumns.joined(separator: ", "))")
        }
        guard cells.rows.count == graph.nodeCount else {
            throw ExportError.networkChanged(dir.path, why: "\(table.lastPathComponent) has \(cells.rows.count) people, the network \(graph.nodeCount)")
        }
        let commitmentColumn = cells.column(["mean_commitment"])
        var p = [Double](repeating: .nan, count: graph.nodeCount), t = p, c = p
        for (r, row) in cells.rows.enumerated() {
            guard let v = Int(row[node]), (0..<graph.nodeCount).contains(v) else { throw cells.error(row: r, column: node, "not a person of the network") }
            guard row[label] == graph.nodes.label(v) else {
                throw ExportError.networkChanged(dir.path, why: "person \(v) is \"\(row[label])\" in \(table.lastPathComponent) and \"\(graph.nodes.label(v))\" in the network")
            }
            p[v] = Double(row[probability]) ?? .nan
            t[v] = Double(row[time]) ?? .nan
            c[v] = commitmentColumn.flatMap { Double(row[$0]) } ?? .nan
        }
        graph.nodes.setAttribute("adoption_probability", .numeric(p))
        graph.nodes.setAttribute("mean_adoption_time", .numeric(t))
        // Commitment where the run tracked it (the commitment and opinion models, waning commitment).
        if c.contains(where: { !$0.isNaN }) { graph.nodes.setAttribute("mean_commitment", .numeric(c)) }
        return (graph, scenario.horizon)
    }

    /// Writes the run's network in the format `url`'s extension (or `format`) names. GEXF carries a
    /// timeline: `adopted` turns 1 at each person's mean adoption time where they adopted in at least
    /// half the replicates, so Gephi's timeline plays the spread.
    public static func write(run dir: URL, to url: URL, format: String? = nil) throws -> Graph {
        let (graph, horizon) = try graph(run: dir)
        let chosen = try format.map(NetworkFormatCatalog.named) ?? NetworkFormatCatalog.writer(for: url)
        if chosen == GEXFFormat.self {
            try AtomicFile.write(GraphWriter.gexf(graph, timeline: GraphWriter.Timeline(attribute: "adopted", horizon: Double(horizon)) { v in
                guard case let .numeric(p)? = graph.nodes[attribute: "adoption_probability"],
                      case let .numeric(t)? = graph.nodes[attribute: "mean_adoption_time"], p[v] >= 0.5, !t[v].isNaN else { return nil }
                return t[v]
            }), to: url)
        } else {
            try NetworkFormatCatalog.write(graph, to: url, format: chosen.name)
        }
        return graph
    }
}
