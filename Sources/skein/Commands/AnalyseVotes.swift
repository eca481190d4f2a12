import Analysis
import ArgumentParser
import Foundation
import Reports
import Scenarios
import Tables

/// `skein analyse-votes`: opinion groups, representative and consensus statements from agree/disagree votes.
struct AnalyseVotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse-votes",
        abstract: "Find opinion groups in agree/disagree votes (pol.is exports or participant × statement tables).",
        discussion: """
            PATH is a pol.is conversation folder (votes.csv or participants-votes.csv, with comments.csv), a votes \
            file (comment-id, voter-id, vote in -1/0/1) or a wide participant × statement table. Writes groups.csv \
            (participant, group — -1 for those with too few votes — x, y, votes), statements.csv (representative \
            statements per group, consensus statements), summary.json and summary.md. Follows pol.is's published \
            method: PCA with missing votes at the statement mean, base clusters, groups chosen by silhouette with a \
            minimum size. When the export carries pol.is's own groups, summary.json reports the agreement with them.
            """
    )

    @Argument(help: "A pol.is conversation folder, votes.csv or participants-votes.csv.") var path: String
    @Option(name: .long, help: "Output folder.") var out: String
    @Option(name: .long, help: "Seed for k-means.") var seed: UInt64 = 0
    @Option(name: .customLong("min-votes"), help: "Votes a participant needs to be placed.") var minimumVotes = 7
    @Option(name: .customLong("max-groups"), help: "Most groups to consider.") var maxGroups = 5
    @Option(name: .customLong("min-group-size"), help: "Smallest group allowed (default: max(10, 5% of those placed)).") var minimumGroupSize: Int?
    @Flag(name: .long, help: "Overwrite a non-empty output folder.") var force = false
    @Flag(name: .long, help: "Also write report.html (see skein report).") var report = false
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard minimumVotes >= 1 else { throw ValidationError("--min-votes must be at least 1") }
        guard maxGroups >= 2 else { throw ValidationError("--max-groups must be at least 2") }
        if let minimumGroupSize, minimumGroupSize < 1 { throw ValidationError("--min-group-size must be at least 1") }
    }

    func run() throws {
        let matrix = try VoteMatrix.read(path)
        let dir = URL(fileURLWithPath: out)
        try AtomicFolder.check(dir, force: force)
        var method = OpinionGroups(seed: seed)
        method.minimumVotes = minimumVotes
        method.maxGroups = maxGroups
        method.minimumGroupSize = minimumGroupSize
        let start = DispatchTime.now().uptimeNanoseconds
        let result: OpinionGroups.Result
        do { result = try compute.run { try method.analyse(matrix) } } catch let error as OpinionGroups.VotesError {
            throw TableError(file: path, line: 0, message: "\(error)")
        }
        var command = ["analyse-votes", URL(fileURLWithPath: path).standardizedFileURL.path, "--seed", String(seed), "--min-votes", String(minimumVotes),
                       "--max-groups", String(maxGroups)]
        if let minimumGroupSize { command += ["--min-group-size", String(minimumGroupSize)] }
        let summary = try AtomicFolder.write(dir, force: force) { staging in
            let summary = try OpinionGroupsWriter.write(result, matrix: matrix, to: staging, command: command)
            if report { try AtomicFile.write(try AnalysisReport.html(directory: staging), to: staging.appendingPathComponent("report.html")) }
            return summary
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if output.json {
            try OutputOptions.printJSON(summary, seconds: seconds, out: dir)
        } else {
            print("\(result.group.filter { $0 >= 0 }.count) of \(result.participants.count) participants placed; \(result.groupSizes.count) groups of \(result.groupSizes.map(String.init).joined(separator: ", ")) (\(String(format: "%.2f", seconds)) s)")
            if let ari = summary.adjustedRandIndexVsPolis { print(String(format: "agreement with pol.is's groups (ARI): %.3f", ari)) }
            print("outputs in \(dir.path)/ (summary.md for a readable account)")
        }
    }
}
