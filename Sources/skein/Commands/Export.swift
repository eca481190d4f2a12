import ArgumentParser
import Foundation
import Reports
import Tables

/// `skein export`: hand a result on to another tool.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a run or analysis folder for another tool.",
        subcommands: [ExportNotebook.self]
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
