import Foundation

/// How `skein analyse` turns responses into vectors: TF-IDF with LSA, or a sentence encoder.
public enum TextEmbedding: Equatable, Sendable {
    case tfidf
    case encoder(EncoderModel)

    /// `auto` picks MiniLM when it is installed and the input has at most this many responses:
    /// on this project's 2-core machine MiniLM embeds 20 000 short responses in well under a
    /// minute (Benchmarks/README.md), while TF-IDF stays the choice for hundreds of thousands,
    /// where the encoder would take many minutes and TF-IDF themes take seconds.
    public static let automaticLimit = 20_000

    public var name: String {
        switch self {
        case .tfidf: return "tfidf"
        case let .encoder(model): return model.name
        }
    }

    /// The choice `--embed NAME` makes for `responses` responses (`auto`, `tfidf` or a model name).
    public static func resolve(_ name: String, responses: Int, store: ModelStore = ModelStore()) throws -> TextEmbedding {
        switch name.lowercased() {
        case "tfidf", "tf-idf": return .tfidf
        case "auto":
            return store.isInstalled(.miniLM) && responses <= automaticLimit ? .encoder(.miniLM) : .tfidf
        default:
            let model = try EncoderModel.named(name)
            _ = try store.installedFolder(model)
            return .encoder(model)
        }
    }

    public static var names: [String] { ["auto", "tfidf"] + EncoderModel.catalog.map(\.name) }
}
