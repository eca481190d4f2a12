import Analysis
import ArgumentParser
import Encoders
import Foundation
import NumericCore
import Outputs
import Tables

/// `skein assign`: new responses into the themes an earlier `skein analyse` found.
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Place new responses into the themes of an earlier analysis (its fitted.json and centres.npy), or into \"other\" when far from all.",
        discussion: """
            DIR is a `skein analyse` output folder. NEW is read as `skein analyse` reads its input. Each response is \
            redacted and embedded as the analysis was (TF-IDF on its vocabulary, or its sentence encoder), then placed \
            in the theme whose centre is most similar, or in "other" (−1) below the analysis's --other-threshold; short \
            "nothing to say" answers go to their theme. Writes assignments.csv (row, id, theme, similarity, status, \
            then the --by columns), summary.md and assigned.json; the same input gives the same bytes.
            """)

    @Argument(help: "The analysis folder.") var dir: String
    @Argument(help: "The new responses.") var file: String
    @Option(name: .long, help: "Output folder.") var out: String
    @Option(name: .customLong("text-column"), help: "Column holding the text.") var textColumn: String?
    @Option(name: .customLong("id-column"), help: "Column holding a response id.") var idColumn: String?
    @Option(name: .customLong("by"), help: "Metadata column to carry into assignments.csv (repeatable).") var by: [String] = []
    @Option(name: .long, help: "The names list to redact (default: the one the analysis used, by its path).") var names: String?
    @Flag(name: .long, help: "Overwrite a non-empty output folder.") var force = false
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let folder = URL(fileURLWithPath: dir)
        let fitURL = folder.appendingPathComponent(FittedThemes.file)
        guard let data = FileManager.default.contents(atPath: fitURL.path) else {
            throw TableError(file: fitURL.path, line: 0, message: "no fitted analysis here: run `skein analyse` (without --split-by or --vectors) into this folder first")
        }
        let fit: FittedThemes
        do { fit = try JSONDecoder().decode(FittedThemes.self, from: data) } catch {
            throw TableError(file: fitURL.path, line: 0, message: "not a fitted analysis (\(error))")
        }
        guard fit.version <= FittedThemes.currentVersion else {
            throw TableError(file: fitURL.path, line: 0, message: "version \(fit.version) was written by a newer Skein; this one reads up to \(FittedThemes.currentVersion)")
        }
        let centresMatrix = try NpyReader.read(folder.appendingPathComponent(FittedThemes.centresFile))
        guard centresMatrix.rows == fit.themes.count else {
            throw TableError(file: folder.appendingPathComponent(FittedThemes.centresFile).path, line: 0,
                             message: "\(centresMatrix.rows) centres for \(fit.themes.count) themes in fitted.json")
        }
        let centres = centresMatrix.elements.map(Float.init)
        var table = try ResponseTable.read(file, textColumn: textColumn, idColumn: idColumn, by: by)
        var counts: [Redactor.Kind: Int] = [:]
        if fit.redact {
            let list = names ?? fit.namesFile
            if let list, !FileManager.default.fileExists(atPath: list) {
                throw TableError(file: list, line: 0, message: "the analysis redacted the names in this list, which is gone; pass it with --names")
            }
            let redactor = try list.map { try Redactor(namesFile: URL(fileURLWithPath: $0)) } ?? Redactor()
            table.texts = table.texts.map { redactor.redact($0, counts: &counts) }
        }
        var vectors: Matrix<Float>?
        if fit.embedding != TextEmbedding.tfidf.name {
            let model = try EncoderModel.named(fit.embedding)
            let encoder = try SentenceEncoder(folder: ModelStore().installedFolder(model))
            let cache = try? EmbeddingCache(url: EmbeddingCache.defaultURL(for: model), model: model, dimension: encoder.dimension)
            vectors = try compute.run { try encoder.themeRows(table.texts, cache: cache).rows }
        }
        let placements = try compute.run { try fit.place(table.texts, centres: centres, vectors: vectors) }

        var csv = CSVWriter(header: AnalysisFolder.assignmentColumns + table.groups.map(\.name))
        for (i, p) in placements.enumerated() {
            csv.integer(i)
            csv.field(table.ids[i])
            csv.integer(p.theme)
            csv.fixed(p.similarity, places: 4)
            csv.field(p.status)
            csv.empty()
            csv.empty()
            for group in table.groups { csv.field(group.values[i]) }
            csv.endRow()
        }
        var perTheme = [Int: Int]()
        for p in placements { perTheme[p.theme, default: 0] += 1 }
        var md = "# New responses placed in existing themes\n\n\(placements.count) responses from \(file) into the themes of \(dir)"
            + " (\(fit.embedding)).\n\n| theme | label | new responses |\n|---|---|---|\n"
        for t in fit.themes { md += "| \(t.id) | \(MarkdownText.escape(t.label)) | \(perTheme[t.id] ?? 0) |\n" }
        if let id = fit.shortAnswerTheme { md += "| \(id) | nothing / no answer (short answers) | \(perTheme[id] ?? 0) |\n" }
        let other = placements.filter { $0.status == "other" }.count, empty = placements.filter { $0.status == "empty" }.count
        md += "\n\(other) far from every theme (\"other\"), \(empty) empty.\n"
        if fit.redact { md += "\nPersonal data redacted: " + Redactor.Kind.allCases.map { "\(counts[$0] ?? 0) \($0.placeholder)" }.joined(separator: ", ") + ".\n" }
        let summary: [String: Any] = [
            "analysis": folder.standardizedFileURL.path, "file": URL(fileURLWithPath: file).standardizedFileURL.path,
            "responses": placements.count, "other": other, "empty": empty, "embedding": fit.embedding,
            "per_theme": Dictionary(uniqueKeysWithValues: perTheme.map { (String($0.key), $0.value) }),
        ]
        let outURL = URL(fileURLWithPath: out)
        try AtomicFolder.check(outURL, force: force)
        try AtomicFolder.write(outURL, force: force) { staging in
            try AtomicFile.write(csv.data, to: staging.appendingPathComponent(AnalysisFolder.File.assignments))
            try AtomicFile.write(md, to: staging.appendingPathComponent("summary.md"))
            try AtomicFile.write(try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .prettyPrinted]),
                                 to: staging.appendingPathComponent("assigned.json"))
        }
        if output.json { try OutputOptions.printJSON(summary); return }
        print("\(placements.count) responses placed: " + fit.themes.prefix(8).map { "\($0.id): \(perTheme[$0.id] ?? 0)" }.joined(separator: ", ")
              + (fit.themes.count > 8 ? ", …" : "") + "; \(other) other, \(empty) empty")
        print("outputs in \(outURL.path)/")
    }
}
