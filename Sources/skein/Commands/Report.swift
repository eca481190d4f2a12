import ArgumentParser
import Foundation
import Reports
import Tables

/// `skein report`: a self-contained HTML report of a run or analysis folder.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report (inline SVG charts, no scripts, works offline) of a run or analysis folder.",
        discussion: """
            A run folder (skein run): adoption and reach with 95% bands and intervention markers, practice by each \
            breakdown attribute, commitment, the ensemble statistics. An analysis folder (skein analyse): theme bars \
            with shares, the map of responses coloured by theme, quotes, breakdowns. A votes folder (skein \
            analyse-votes): group sizes, the participant map, representative and consensus statements.
            """
    )

    @Argument(help: "A folder written by skein run, analyse or analyse-votes.") var directory: String
    @Option(name: .shortAndLong, help: "The HTML file to write (default: DIR/report.html).") var output: String?

    func run() throws {
        let dir = URL(fileURLWithPath: directory)
        let target = output.map { URL(fileURLWithPath: $0) } ?? dir.appendingPathComponent("report.html")
        let isRun = FileManager.default.fileExists(atPath: dir.appendingPathComponent("timeseries.csv").path)
        try AtomicFile.write(try isRun ? RunReport.html(runDirectory: dir) : AnalysisReport.html(directory: dir), to: target)
        print("report: \(target.path)")
    }
}
