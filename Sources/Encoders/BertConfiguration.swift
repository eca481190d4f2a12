import Foundation

/// The parts of a BERT `config.json` the encoder follows; anything else it cannot run is refused.
public struct BertConfiguration: Decodable, Equatable, Sendable {
    public var hiddenSize: Int
    public var layers: Int
    public var heads: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var vocabularySize: Int
    public var layerNormEpsilon: Double
    public var activation: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", layers = "num_hidden_layers", heads = "num_attention_heads"
        case intermediateSize = "intermediate_size", maxPositions = "max_position_embeddings"
        case typeVocabularySize = "type_vocab_size", vocabularySize = "vocab_size"
        case layerNormEpsilon = "layer_norm_eps", activation = "hidden_act"
    }

    public var headSize: Int { hiddenSize / heads }

    public static func load(_ url: URL) throws -> BertConfiguration {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EncoderError.missing(path: url.path, hint: "The model folder needs its config.json.")
        }
        let config: BertConfiguration
        do { config = try JSONDecoder().decode(BertConfiguration.self, from: data) } catch {
            throw EncoderError.configuration(path: url.path, why: "not a BERT configuration (\(error))")
        }
        guard config.activation == "gelu" else {
            throw EncoderError.configuration(path: url.path, why: "hidden_act \(config.activation); only gelu (erf) is implemented")
        }
        let sizes = [config.hiddenSize, config.layers, config.heads, config.intermediateSize, config.maxPositions,
                     config.typeVocabularySize, config.vocabularySize]
        guard sizes.allSatisfy({ $0 > 0 && $0 <= 1 << 20 }), config.hiddenSize % config.heads == 0 else {
            throw EncoderError.configuration(path: url.path, why: "sizes \(sizes) are not a BERT the encoder can run")
        }
        return config
    }
}
