import ArgumentParser
import Foundation
import Outputs
import Reports
import Scenarios
import Sweeps
import Tables

/// `skein report`: a self-contained HTML report of a run or analysis folder, or of a sweep database.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report (inline SVG charts, no scripts, works offline) of a run, analysis or sweep.",
        discussion: """
            A run folder (skein run): adoption and reach with 95% bands and intervention markers, practice by each \
            breakdown attribute, commitment, the ensemble statistics, and a drawing of the network (up to 5000 people) \
            coloured by the first breakdown attribute and by adoption time. An analysis folder (skein analyse): theme \
            bars with shares, the map of responses coloured by theme, quotes, breakdowns. A votes folder (skein \
            analyse-votes): group sizes, the participant map, representative and consensus statements. A sweep database \
            (skein sweep --db): reach against the varying parameters with its spread, and every point in a table.
            """
    )

    @Argument(help: "A folder written by skein run, analyse or analyse-votes, or a database written by skein sweep.") var path: String
    @Option(name: .shortAndLong, help: "The HTML file to write (default: DIR/report.html, or DB with .html).") var output: String?

    func run() throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            FileHandle.standardError.write(Data("\(path): no such file or folder\n".utf8))
            throw ExitCode(1)
        }
        let html: String
        let target: URL
        do {
            if isDirectory.boolValue {
                target = output.map { URL(fileURLWithPath: $0) } ?? url.appendingPathComponent("report.html")
                html = try RunFolder.isRunFolder(url) ? RunReport.html(runDirectory: url)
                    : CalibrationFolder.isCalibrationFolder(url) ? CalibrationReport.html(directory: url) : AnalysisReport.html(directory: url)
            } else {
                target = output.map { URL(fileURLWithPath: $0) } ?? url.deletingPathExtension().appendingPathExtension("html")
                html = SweepReport.html(try Self.sweepInput(url))
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        try AtomicFile.write(html, to: target)
        print("report: \(target.path)")
    }

    /// A sweep database's points and per-replicate outcomes, for the comparison view.
    static func sweepInput(_ url: URL) throws -> SweepReport.Input {
        guard let head = FileHandle(forReadingAtPath: url.path).map({ h in defer { try? h.close() }; return h.readData(ofLength: 16) }),
              head == Data("SQLite format 3\0".utf8) else {
            throw SweepDatabase.DatabaseError.notASweep(url.path + " (expected a folder written by skein run, analyse or analyse-votes, or a sweep database)")
        }
        let db = try SweepDatabase(path: url.path)
        guard let scenarioText = try db.metadata("scenario") else { throw SweepDatabase.DatabaseError.notASweep(url.path) }
        let scenario = (try? JSONSerialization.jsonObject(with: Data(scenarioText.utf8))) as? [String: Any] ?? [:]
        let points = try db.replicateMetrics().map { p -> SweepReport.Point in
            let object = (try? JSONSerialization.jsonObject(with: Data(p.assignments.utf8))) as? [String: Any] ?? [:]
            var values: [String: String] = [:]
            for (k, v) in object {
                if let n = v as? NSNumber { values[k] = n.stringValue } else if let s = v as? String { values[k] = s } else {
                    values[k] = String(decoding: (try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
                }
            }
            return SweepReport.Point(index: p.point, values: values, metrics: p.metrics)
        }
        let version = try db.metadata("skein_version") ?? "", commit = try db.metadata("skein_commit") ?? ""
        return SweepReport.Input(name: scenario["name"] as? String ?? url.deletingPathExtension().lastPathComponent,
                                 description: scenario["description"] as? String, seed: try db.metadata("seed") ?? "",
                                 skein: "\(version) (\(commit.prefix(12)))", points: points)
    }
}
