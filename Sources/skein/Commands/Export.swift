import ArgumentParser
import Bench
import Foundation
import Graphs
import Reports
import Scenarios
import Sweeps
import Tables

/// `skein export`: hand a result on to another tool.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a run or analysis folder for another tool.",
        subcommands: [ExportNotebook.self, ExportSweep.self, ExportCorpus.self, ExportNetwork.self]
    )
}

/// `skein export notebook`: a Jupyter notebook that loads the folder's tidy CSVs with pandas and redraws its plots.
struct ExportNotebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Write a Jupyter notebook (nbformat 4) that explains a run or analysis and redraws its plots with pandas and matplotlib.",
        discussion: """
            The notebook's first cell reruns skein (SKEIN, PATH, or a build in a checkout above the notebook) when the folder \
            is missing, with the command recorded in the folder; paths are written relative to the notebook. Run it with \
            `jupyter nbconvert --to notebook --execute NAME.ipynb`.
            """
    )

    @Argument(help: "A folder written by skein run, analyse or analyse-votes.") var directory: String
    @Option(name: .shortAndLong, help: "The .ipynb file to write.") var output: String

    func run() throws {
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let notebook: Notebook
        do {
            notebook = try NotebookExport.notebook(directory: URL(fileURLWithPath: directory).standardizedFileURL, notebookPath: target)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(try notebook.json(), to: target)
        print("notebook: \(output) (\(notebook.cells.count) cells)")
    }
}

/// `skein export sweep`: a sweep database as one tidy CSV, one column per swept parameter.
struct ExportSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Write a sweep database as a tidy CSV: one row per point and replicate, one column per swept parameter, then every measure.",
        discussion: """
            Parameter columns are named by their paths (interventions[two-day sprint].ties_per_participant) and hold \
            the values themselves, so R, pandas or a spreadsheet can group and plot by them. --means gives one row per \
            point with the mean of each measure over its replicates (and their count).
            """
    )

    @Argument(help: "The sweep database (skein sweep --db).") var database: String
    @Option(name: .shortAndLong, help: "The CSV file to write (- for standard output).") var output: String
    @Flag(name: .long, help: "One row per point: means over its replicates.") var means = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: database) else {
            FileHandle.standardError.write(Data("\(database): no such sweep database\n".utf8))
            throw ExitCode(1)
        }
        let text: String
        do {
            let db = try SweepDatabase(path: database)
            guard try db.metadata("scenario_hash") != nil else {
                throw SweepDatabase.DatabaseError.notASweep(database)
            }
            text = try SweepExport.tidy(db, means: means)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        if output == "-" {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output))
            print("sweep table: \(output) (\(text.split(separator: "\n").count - 1) rows)")
        }
    }
}

/// `skein export corpus`: the scaled corpus a themes benchmark analyses, as a file a peer can read.
struct ExportCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write a responses file replicated to N responses with perturbed copies (the themes benchmarks' 200k and 2M inputs), one per line, for peers.",
        discussion: """
            The first pass copies the responses unchanged; each later copy drops words (15%) and swaps neighbours (10%) \
            from its own random stream, so the same seed gives the same corpus anywhere (`ThemesWorkload` with \
            `responses:` analyses exactly this). With --labels, the labels file is replicated alongside (--labels-out).
            """
    )

    @Argument(help: "The responses file (any format skein analyse reads).") var file: String
    @Option(name: .long, help: "Number of responses to write.") var responses: Int
    @Option(name: .long, help: "Seed of the perturbation streams.") var seed: UInt64 = 0
    @Option(name: .long, help: "A labels file (one integer per line) to replicate too.") var labels: String?
    @Option(name: .customLong("labels-out"), help: "Where to write the replicated labels.") var labelsOut: String?
    @Option(name: .shortAndLong, help: "The text file to write (one response per line).") var output: String

    func validate() throws {
        guard responses >= 1 else { throw ValidationError("--responses must be at least 1") }
        guard (labels == nil) == (labelsOut == nil) else { throw ValidationError("--labels and --labels-out go together") }
    }

    func run() throws {
        let input = try ThemesWorkload(file: file, responses: responses, seed: seed, labels: labels).prepare()
        // One response per line: line breaks inside a response become spaces.
        let lines = input.texts.map { $0.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") }
        try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: URL(fileURLWithPath: output))
        if let labelsOut, let truth = input.labels {
            try AtomicFile.write(Data((truth.map(String.init).joined(separator: "\n") + "\n").utf8), to: URL(fileURLWithPath: labelsOut))
        }
        print("corpus: \(output) (\(lines.count) responses)" + (labelsOut.map { "; labels: \($0)" } ?? ""))
    }
}


/// `skein export network`: a run's network with each person's results, for Gephi, Kumu or networkx.
struct ExportNetwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Write a run's network with each person's results (adoption probability, mean adoption time) and attributes as node attributes.",
        discussion: """
            The format follows the extension of -o: .gexf (Gephi; a timeline attribute `adopted` turns 1 at each person's \
            mean adoption time where they adopted in at least half the replicates, so Gephi's timeline plays the spread), \
            .graphml (networkx, yEd, Cytoscape), .json or .xlsx (Kumu: import it as a new map), .vna (UCINET), .net, .csv. The \
            network is rebuilt from the scenario the run recorded; per-person results come from agents.csv \
            (outputs: {agents: true}) or network.csv.
            """
    )

    @Argument(help: "A folder written by skein run.") var directory: String
    @Option(name: .shortAndLong, help: "The network file to write (.gexf, .graphml, .json, .xlsx, .vna, .net, .csv).") var output: String
    @Option(name: .long, help: "Output format (default: from the extension; kumu or polinode for .json).") var to: String?

    func run() throws {
        let graph: Graph
        do {
            graph = try NetworkExport.write(run: URL(fileURLWithPath: directory), to: URL(fileURLWithPath: output), format: to)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        print("network: \(output) (\(graph.nodeCount) people, \(graph.edgeCount) ties; attributes \(graph.nodes.attributeNames.joined(separator: ", ")))")
    }
}
