import Foundation
import Reports
import Scenarios
import Testing
import TestSupport

/// The sweep comparison view and the network drawing in run reports.
@Suite("Sweep view and network drawing")
struct SweepAndNetworkReportTests {
    static func point(_ i: Int, _ values: [String: String], reach: [Double]) -> SweepReport.Point {
        SweepReport.Point(index: i, values: values, metrics: ["reach_share": reach, "time_to_50": reach.filter { $0 > 0.5 }.map { _ in 10 }])
    }

    @Test func oneParameterBecomesACurveWithItsBandAndATableBestFirst() throws {
        let points = [0, 1, 2, 3].map { t in Self.point(t, ["ties": "\(t)"], reach: (0..<40).map { Double(t) * 0.2 + 0.01 * Double($0 % 5) }) }
        let html = SweepReport.html(.init(name: "sprint", description: "<b>desc</b>", seed: "7", skein: "0.1", points: points))
        #expect(html.contains("<svg") && html.contains("<polygon") && html.components(separatedBy: "<circle").count - 1 == 4)
        #expect(html.contains("Varying</dt><dd>ties"))
        // Best first: point 3 (reach 60–64%) heads the table and is marked.
        let table = html.components(separatedBy: "<tbody>")[1]
        #expect(table.hasPrefix("<tr class=\"best\"><td>3</td><td>3</td><td>40</td><td>62.0"))
        #expect(!html.contains("<b>desc</b>") && html.contains("&lt;b&gt;desc&lt;/b&gt;"))
    }

    @Test func manyParametersGiveMainEffectsAndHostileValuesAreText() {
        let points = (0..<30).map { i in
            Self.point(i, ["p": "\(Double(i) / 30)", "q": "\(Double((i * 7) % 30) / 30)", "strategy": i % 2 == 0 ? "<script>x</script>" : "degree"],
                       reach: [Double(i) / 30])
        }
        let html = SweepReport.html(.init(name: "lhs", seed: "1", skein: "0.1", points: points))
        #expect(html.contains("Main effect of p") && html.contains("Main effect of q") && !html.contains("Main effect of strategy"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test func aSmallRunIsDrawnAndALargeOneIsNot() throws {
        let dir = try RunReportTests.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let drawing = try #require(try NetworkDrawing.read(runDirectory: dir))
        #expect(drawing.nodes.count > 100 && !drawing.edges.isEmpty && drawing.attributeNames.first == "organisation")
        let html = try RunReport.html(runDirectory: dir)
        #expect(html.contains("The network, coloured by organisation") && html.contains("coloured by mean adoption step"))
        #expect(html.components(separatedBy: "class=\"ties\"").count - 1 == 2)
        // outputs.network: false (or more than 5000 people) leaves the files and the section out.
        let file = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/training-vs-connecting.yaml").path
        let prepared = try ScenarioLoader.load(file, overrides: ["replicates=2", "outputs.network=false"]).prepare()
        #expect(!prepared.drawsNetwork)
        let big = try ScenarioLoader.load(file, overrides: ["replicates=2", "network.parameters.teams=60", "network.parameters.team_size=30"]).prepare()
        #expect(big.graph.nodeCount > 5000 && !big.drawsNetwork)
    }
}
