import Analysis
import Bench
import Foundation
import Graphs
import Scenarios
import Tables

/// One parser under the fuzzer: the file name its input is written to (parsers read files, and
/// choose a format by name) and what reading it means. Any thrown error is a clean rejection;
/// a trap, a sanitizer report, a hang or an allocation beyond the limit is a finding.
struct FuzzTarget: Sendable {
    let name: String
    let file: String
    let read: @Sendable (URL) throws -> Void

    static let all: [FuzzTarget] = [
        FuzzTarget(name: "delimited", file: "edges.csv") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "whitespace", file: "edges.txt") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "nodes", file: "nodes.csv") { url in
            let edges = url.deletingLastPathComponent().appendingPathComponent("fixed-edges.csv")
            if !FileManager.default.fileExists(atPath: edges.path) { try Data("source,target\na,b\nb,c\n".utf8).write(to: edges) }
            _ = try GraphLoader.load(edges: edges, nodes: url, unknownNodes: .addIsolated)
        },
        FuzzTarget(name: "graphml", file: "graph.graphml") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "gexf", file: "graph.gexf") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "pajek", file: "graph.net") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "kumu", file: "map.json") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "xlsx", file: "map.xlsx") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "vna", file: "net.vna") { url in _ = try GraphLoader.load(edges: url) },
        FuzzTarget(name: "survey", file: "survey.csv") { url in
            _ = try GraphLoader.load(edges: url, read: NetworkReadOptions(survey: SurveyOptions(group: "town")), format: "survey")
        },
        FuzzTarget(name: "npy", file: "vectors.npy") { url in _ = try NpyReader.read(url) },
        FuzzTarget(name: "votes-long", file: "votes.csv") { url in _ = try VoteMatrix.read(url.path) },
        FuzzTarget(name: "votes-wide", file: "participants-votes.csv") { url in _ = try VoteMatrix.read(url.path) },
        FuzzTarget(name: "responses", file: "responses.csv") { url in _ = try ResponseTable.read(url.path) },
        FuzzTarget(name: "scenario", file: "scenario.yaml") { url in _ = try ScenarioLoader.load(url.path) },
        FuzzTarget(name: "suite", file: "suite.yaml") { url in _ = try BenchSuite.load(url.path) },
        FuzzTarget(name: "edits", file: "edits.yaml") { url in _ = try ThemeEdits.load(url) },
    ]
}
