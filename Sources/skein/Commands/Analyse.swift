import Analysis
import ArgumentParser
import Encoders
import Foundation
import NumericCore
import Reports
import Scenarios
import Tables

/// `skein analyse`: themes in free-text responses.
struct Analyse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster free-text responses (comments, post-its, survey answers) into themes with labels, quotes and breakdowns.",
        discussion: """
            FILE is CSV/TSV (a header row; the text column is text, response, comment, comment-body, answer, body or \
            content unless --text-column says), JSON Lines, or plain text with one response per line. Pipeline: NFKC and \
            case folding, words (co-production and A&E kept whole), English stop words (plus --stop-words), Porter2 \
            stems, unigrams and bigrams, TF-IDF (sublinear tf, l2), truncated SVD (LSA), unit rows, balanced k-means \
            (oversized themes split, near ones merged, then capacity-constrained passes in the full TF-IDF space; or \
            --method); above 10 000 responses both are fitted on a sample (half of them, at most --fit-sample) and everyone is \
            projected, assigned and polished; k from --k or chosen (≈ n^(1/3), near-identical themes merged). Writes \
            assignments.csv (row, id, theme: −1 for other/empty, similarity, status, --by columns), themes.csv, \
            themes.json, summary.md, themes-history.csv and themes.xlsx. --edits FILE applies an analyst's edits \
            (rename, merge, split, move, pin, not_a_theme; README "Curating themes") on top of the fit, recorded \
            with who, when and why.
            """
    )

    @Argument(help: "The responses file.") var file: String
    @Option(name: .long, help: "Output folder.") var out: String
    @Option(name: .long, help: "Number of themes, or auto.") var k: String = "auto"
    @Option(name: .long, help: "Seed for the SVD and k-means.") var seed: UInt64 = 0
    @Option(name: .customLong("text-column"), help: "Column holding the text.") var textColumn: String?
    @Option(name: .customLong("id-column"), help: "Column holding a response id.") var idColumn: String?
    @Option(name: .customLong("by"), help: "Metadata column to break themes down by (repeatable): table, organisation, role…") var by: [String] = []
    @Flag(inversion: .prefixedNo, help: "Replace NHS numbers (valid check digit), e-mail addresses, UK phone numbers, UK postcodes and names (--names, and after Dr, Nurse, Sister, Mr, Mrs, Ms…) with typed placeholders before analysis, so no quote, label, report or notebook shows them.") var redact = true
    @Option(name: .long, help: "File of names to redact, one per line (a staff roster).") var names: String?
    @Option(name: .customLong("split-by"), help: "Find themes separately within each value of this column (the question asked, a sentiment or criticality rating), so praise and complaints are never merged; labels read \"value: label\".") var splitBy: String?
    @Option(name: .customLong("stop-words"), help: "File of extra stop words, one per line.") var stopWords: String?
    @Option(name: .long, help: ArgumentHelp("The clustering method: \(ClusteringCatalog.described).")) var method: String = BalancedKMeans.name
    @Option(name: .long, help: "LSA dimensions.") var dimensions = 100
    @Option(name: .customLong("min-df"), help: "Keep terms in at least this many responses.") var minDF = 2
    @Option(name: .customLong("max-df"), help: "Drop terms in more than this share of responses.") var maxDF = 0.5
    @Option(name: .customLong("other-threshold"), help: "Cosine similarity to a theme's centre below which a response is 'other'.") var otherThreshold = 0.1
    @Option(name: .customLong("fit-sample"), help: "Fit the SVD and clustering on a random sample of at most this many responses, then project, assign and polish every response (0: fit on all).") var fitSample = ThemeFinder().fitSample
    @Option(name: .customLong("fit-share"), help: "Above \(ThemeFinder.minimumFitSample) responses, the share of them the fit's sample takes (at least \(ThemeFinder.minimumFitSample), at most --fit-sample; 1: all up to --fit-sample).") var fitShare = ThemeFinder().fitShare
    @Option(name: .customLong("short-answers"), help: "File of short 'nothing to say' answers (one per line) that form a theme of their own; the built-in list has Nothing, No, None, N/A, Nothing to improve and more.") var shortAnswers: String?
    @Flag(name: .customLong("no-short-answers"), help: "Treat short answers like any other text (term-less ones are then empty).") var noShortAnswers = false
    @Flag(name: .customLong("no-bigrams"), help: "Unigrams only.") var noBigrams = false
    @Flag(name: .customLong("no-stemming"), help: "Keep words unstemmed.") var noStemming = false
    @Option(name: .long, help: ArgumentHelp("How responses become vectors: \(TextEmbedding.names.joined(separator: ", ")). auto takes MiniLM when it is installed (skein models install) and there are at most \(TextEmbedding.automaticLimit) responses, else TF-IDF.", valueName: "name")) var embed = "auto"
    @Flag(name: .customLong("no-embedding-cache"), help: "Neither read nor extend the embedding cache (SKEIN_EMBEDDING_CACHE, default ~/.cache/skein/embeddings).") var noEmbeddingCache = false
    @Option(name: .long, help: "NumPy .npy embeddings (float32/float64, one row per response) instead of TF-IDF and SVD.") var vectors: String?
    @Option(name: .long, help: ArgumentHelp("An analyst's edits to the themes (edits.yaml: rename, merge, split by a term or by clustering, move, pin, not_a_theme), applied in order on top of the fitted analysis and recorded.", valueName: "file"))
    var edits: String?
    @Option(name: .customLong("by-user"), help: "Who made the edits that do not say (recorded with each edit).") var byUser: String?
    @Flag(name: .long, help: "Keep watching FILE as it grows (an event's form export): assign each new row to the themes, refit when enough has arrived (--refit-after) or on SIGUSR1, keep theme ids across refits, rewrite the outputs and report.html atomically. Ctrl-C or SIGTERM stops.")
    var watch = false
    @Option(name: .customLong("refit-after"), help: "With --watch: refit once this many rows arrived since the last fit (default: as many as it was fitted on, at least 50; 0: never).")
    var refitAfter: Int?
    @Option(name: .long, help: "With --watch: seconds between looks at FILE.") var interval = 0.25
    @Flag(name: .long, help: "Overwrite a non-empty output folder.") var force = false
    @Flag(name: .long, help: "Also write report.html (see skein report).") var report = false
    @Flag(name: .long, help: "Print the time of each stage (read, vectorise, svd, cluster, stability, describe, map, write).") var timings = false
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if k != "auto" { guard let n = Int(k), n >= 1 else { throw ValidationError("--k must be a positive whole number or auto (got \(k))") } }
        guard ClusteringCatalog.named(method) != nil else {
            throw ValidationError("--method must be \(ClusteringCatalog.names.joined(separator: ", ")) (got \(method))")
        }
        guard dimensions >= 2 else { throw ValidationError("--dimensions must be at least 2") }
        guard minDF >= 1 else { throw ValidationError("--min-df must be at least 1") }
        guard maxDF > 0, maxDF <= 1 else { throw ValidationError("--max-df must be in (0, 1]") }
        guard fitSample == 0 || fitSample >= 1000 else { throw ValidationError("--fit-sample must be 0 (fit on all) or at least 1000 (got \(fitSample))") }
        guard fitShare > 0 && fitShare <= 1 else { throw ValidationError("--fit-share must be in (0, 1] (got \(fitShare))") }
        guard TextEmbedding.names.contains(embed.lowercased()) || embed.lowercased() == "tf-idf" else {
            throw ValidationError("--embed must be \(TextEmbedding.names.joined(separator: ", ")) (got \(embed))")
        }
        if !redact && names != nil { throw ValidationError("--names lists names to redact; it cannot be combined with --no-redact") }
        if splitBy != nil && vectors != nil { throw ValidationError("--split-by works with TF-IDF or --embed, not --vectors") }
        if watch && (splitBy != nil || vectors != nil) { throw ValidationError("--watch places new rows in one space: not with --split-by or --vectors") }
        if !watch && refitAfter != nil { throw ValidationError("--refit-after goes with --watch") }
        if let refitAfter, refitAfter < 0 { throw ValidationError("--refit-after must be 0 (never) or more (got \(refitAfter))") }
        guard interval >= 0.05 && interval <= 3600 else { throw ValidationError("--interval must be between 0.05 and 3600 seconds (got \(interval))") }
        if byUser != nil && edits == nil { throw ValidationError("--by-user names who made the --edits: give the edits file") }
        if edits != nil && splitBy != nil { throw ValidationError("--edits curates one analysis's themes; with --split-by, analyse each value apart") }
        if vectors != nil, !["auto", "tfidf"].contains(embed.lowercased()) {
            throw ValidationError("--vectors gives the embeddings; it cannot be combined with --embed \(embed)")
        }
    }

    /// The arguments that rerun this analysis, for themes.json (and notebooks): the input absolute, no --out.
    func reproducingArguments(_ embedding: TextEmbedding) -> [String] {
        var a = ["analyse", URL(fileURLWithPath: file).standardizedFileURL.path, "--k", k, "--seed", String(seed), "--method", method,
                 "--dimensions", String(dimensions), "--min-df", String(minDF), "--max-df", String(maxDF), "--other-threshold", String(otherThreshold), "--fit-sample", String(fitSample), "--fit-share", String(fitShare)]
        if let textColumn { a += ["--text-column", textColumn] }
        if let idColumn { a += ["--id-column", idColumn] }
        for b in by { a += ["--by", b] }
        if let splitBy { a += ["--split-by", splitBy] }
        if !redact { a.append("--no-redact") } else if let names { a += ["--names", URL(fileURLWithPath: names).standardizedFileURL.path] }
        if let stopWords { a += ["--stop-words", URL(fileURLWithPath: stopWords).standardizedFileURL.path] }
        if let vectors { a += ["--vectors", URL(fileURLWithPath: vectors).standardizedFileURL.path] } else { a += ["--embed", embedding.name] }
        if noShortAnswers { a.append("--no-short-answers") } else if let shortAnswers { a += ["--short-answers", URL(fileURLWithPath: shortAnswers).standardizedFileURL.path] }
        if noBigrams { a.append("--no-bigrams") }
        if noStemming { a.append("--no-stemming") }
        if let edits { a += ["--edits", URL(fileURLWithPath: edits).standardizedFileURL.path] }
        if let byUser { a += ["--by-user", byUser] }
        return a
    }

    /// The finder with every setting of the command line.
    func makeFinder() throws -> ThemeFinder {
        var extra: [String] = []
        if let stopWords {
            extra = try String(contentsOfFile: stopWords, encoding: .utf8).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var finder = ThemeFinder(k: Int(k), seed: seed)
        if let clusterer = ClusteringCatalog.named(method) { finder.method = clusterer }
        finder.dimensions = dimensions
        finder.otherThreshold = otherThreshold
        finder.fitSample = fitSample
        finder.fitShare = fitShare
        if noShortAnswers {
            finder.shortAnswers = nil
        } else if let shortAnswers {
            let phrases = try String(contentsOfFile: shortAnswers, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
            finder.shortAnswers = ShortAnswers(phrases: phrases)
        }
        finder.vectorizer = TfidfVectorizer(tokenizer: Tokenizer(extraStopWords: extra, stem: !noStemming), minDocumentFrequency: minDF,
                                            maxDocumentShare: maxDF, bigrams: !noBigrams)
        return finder
    }

    /// The redactor `--redact` uses (nil with --no-redact).
    func makeRedactor() throws -> Redactor? {
        guard redact else { return nil }
        return try names.map { try Redactor(namesFile: URL(fileURLWithPath: $0)) } ?? Redactor()
    }

    /// The edits file, read before the analysis runs, so a mistake in it is said at once, at its line.
    func loadEdits() throws -> ThemeEdits? {
        do {
            return try edits.map { try ThemeEdits.load(URL(fileURLWithPath: $0)) }
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
    }

    /// When the edits were made, for those that do not say: the edits file's modification time.
    var editsTime: String? {
        guard let edits, let date = (try? FileManager.default.attributesOfItem(atPath: edits))?[.modificationDate] as? Date else { return nil }
        return ISO8601DateFormatter().string(from: date)
    }

    /// The sentence encoder's rows of `texts` (with what the cache gave), when the choice is an encoder.
    func encode(_ texts: [String], _ choice: TextEmbedding) throws -> (matrix: Matrix<Float>, use: SentenceEncoder.CacheUse, seconds: Double)? {
        guard case let .encoder(model) = choice else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        let encoder = try SentenceEncoder(folder: ModelStore().installedFolder(model))
        let cache = noEmbeddingCache ? nil : try? EmbeddingCache(url: EmbeddingCache.defaultURL(for: model), model: model, dimension: encoder.dimension)
        let (rows, use, _) = try compute.run { try encoder.themeRows(texts, cache: cache) }
        return (rows, use, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Themes of the table's texts, as the options say.
    func analyse(_ table: ResponseTable, finder: ThemeFinder, embedded: Matrix<Float>?, vectors embedding: Matrix<Double>?) throws -> ThemeFinder.Result {
        try compute.run {
            if let splitBy, let values = table.groups.first(where: { $0.name == splitBy })?.values {
                return try SplitThemes.analyse(finder, texts: table.texts, values: values, embedded: embedded)
            }
            if let embedded { return try finder.analyse(table.texts, embedded: embedded) }
            return try finder.analyse(table.texts, vectors: embedding)
        }
    }

    var columns: [String] { by + (splitBy.map { by.contains($0) ? [] : [$0] } ?? []) }

    func run() throws {
        if watch { return try runWatch() }
        let start = DispatchTime.now().uptimeNanoseconds
        var table = try ResponseTable.read(file, textColumn: textColumn, idColumn: idColumn, by: columns)
        let curationEdits = try loadEdits()
        var redactions: [Redactor.Kind: Int]?
        if let redactor = try makeRedactor() {
            var counts: [Redactor.Kind: Int] = [:]
            table.texts = table.texts.map { redactor.redact($0, counts: &counts) }
            redactions = counts
        }
        let embedding = try vectors.map { try NpyReader.read(URL(fileURLWithPath: $0)) }
        let choice: TextEmbedding = vectors == nil ? try TextEmbedding.resolve(embed, responses: table.texts.count) : .tfidf
        let dir = URL(fileURLWithPath: out)
        try AtomicFolder.check(dir, force: force)
        let finder = try makeFinder()
        if TimeBudget.limit != nil && vectors == nil {
            var embedder: (([String]) throws -> Matrix<Float>)?
            if case .encoder = choice { embedder = { texts in try encode(texts, choice)!.matrix } }
            let seconds = try finder.estimatedSeconds(table.texts, embed: embedder)
            do {
                try TimeBudget.check(seconds, for: "analysing \(table.texts.count) responses with \(choice.name) (measured on a sample)")
            } catch let error as TimeBudget.Exceeded {
                FileHandle.standardError.write(Data("skein analyse: \(error.description); use --embed tfidf (much faster than an encoder), or analyse a sample\n".utf8))
                throw ExitCode(1)
            }
        }
        let read = DispatchTime.now().uptimeNanoseconds
        let encoded = try encode(table.texts, choice)
        var result = try analyse(table, finder: finder, embedded: encoded?.matrix, vectors: embedding)
        var curation: ThemeCuration.Outcome?
        if let curationEdits {
            curation = try ThemeCuration(finder: finder).apply(curationEdits, to: result, texts: table.texts, ids: table.ids, by: byUser, at: editsTime)
            result = curation!.result
        }
        let analysed = DispatchTime.now().uptimeNanoseconds
        // What skein assign needs to place new responses in these themes (not for --split-by or
        // --vectors: those have no single space a new response can be put in).
        let fittedThemes = splitBy != nil || vectors != nil ? nil
            : FittedThemes.make(result, finder: finder, embedding: choice.name, embedded: encoded?.matrix, redact: redact,
                                namesFile: names.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        result.termSpace = nil  // the largest array at millions of responses; the writer does not need it
        let json = try AtomicFolder.write(dir, force: force) { staging in
            let json = try compute.run {
                try ThemeWriter.write(result, table: table, to: staging, command: reproducingArguments(choice), redactions: redactions,
                                      curation: curation)
            }
            if let (fit, centres) = fittedThemes { try fit.write(centres: centres, to: staging) }
            if report { try AtomicFile.write(try AnalysisReport.html(directory: staging), to: staging.appendingPathComponent("report.html")) }
            return json
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if timings {
            let stages = [("read", Double(read - start) / 1e9)] + (encoded.map { [("embed", $0.seconds)] } ?? []) + result.timings.map { ($0.stage, $0.seconds) }
                + [("write", Double(DispatchTime.now().uptimeNanoseconds - analysed) / 1e9)]
            FileHandle.standardError.write(Data(("stages: " + stages.map { "\($0.0) " + String(format: "%.3f s", $0.1) }.joined(separator: ", ") + "\n").utf8))
        }
        if output.json {
            try OutputOptions.printJSON(json, seconds: seconds, out: dir)
            return
        }
        if let encoded {
            print("embedded with \(choice.name): \(encoded.use.computed) computed, \(encoded.use.cached) from the cache, \(String(format: "%.2f", encoded.seconds)) s")
        }
        print("\(table.texts.count) responses → \(result.themes.count) themes in \(String(format: "%.2f", seconds)) s"
              + (result.empty.isEmpty ? "" : "; \(result.empty.count) empty") + (result.stability.map { String(format: "; stability %.2f", $0) } ?? ""))
        for t in result.themes.prefix(12) {
            print(String(format: "  %3d  %5d  %5.1f%%  ", t.id, t.size, 100 * t.share) + t.label)
        }
        if result.themes.count > 12 { print("  … \(result.themes.count - 12) more in themes.csv") }
        if let curation {
            let applied = curation.records.filter(\.applied)
            print("edits: \(applied.count) of \(curation.records.count) applied" + (applied.count < curation.records.count ? " (summary.md says why the others were not)" : "")
                  + "; themes-history.csv sets each response's fitted theme beside its current one")
            for e in curation.records where !e.applied { print("  edit \(e.number) (\(e.kind)) not applied: \(e.outcome)") }
        }
        print("outputs in \(dir.path)/ (summary.md for a readable account, themes.xlsx to open in a spreadsheet)")
    }
}
