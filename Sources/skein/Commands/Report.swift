import ArgumentParser
import Foundation
import Reports
import Tables

/// `skein report`: a self-contained HTML report of a run folder.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report (inline SVG charts, no scripts, works offline) of a skein run folder.",
        discussion: "Adoption and reach with 95% bands and intervention markers, practice by organisation, profession or any breakdown attribute, commitment, and the ensemble statistics."
    )

    @Argument(help: "A folder written by skein run.") var directory: String
    @Option(name: .shortAndLong, help: "The HTML file to write (default: DIR/report.html).") var output: String?

    func run() throws {
        let dir = URL(fileURLWithPath: directory)
        let target = output.map { URL(fileURLWithPath: $0) } ?? dir.appendingPathComponent("report.html")
        try AtomicFile.write(try RunReport.html(runDirectory: dir), to: target)
        print("report: \(target.path)")
    }
}
