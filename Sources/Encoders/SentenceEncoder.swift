import Foundation
import NumericCore

/// A sentence-transformers model read from its folder (`config.json`, `vocab.txt`,
/// `model.safetensors`, `tokenizer_config.json`, `sentence_bert_config.json`): WordPiece
/// tokens, the BERT forward pass, mean pooling and L2 normalisation, as the model's modules say.
///
/// Texts are sorted by token count and cut into batches of about `batchTokens` tokens; the batches
/// depend only on the texts, never on the thread count, and run on `Compute.threads` workers with
/// BLAS held at one thread each, so embeddings are bit-identical on any number of threads.
public final class SentenceEncoder: Sendable {
    public let folder: URL
    public let tokenizer: WordPieceTokenizer
    public let encoder: BertEncoder
    public let maxLength: Int
    public var dimension: Int { encoder.configuration.hiddenSize }
    /// Tokens per batch: large enough for efficient GEMMs, small enough that a batch's activations
    /// (about 13 KB per token for MiniLM) stay in the last-level cache.
    public let batchTokens: Int

    public init(folder: URL, batchTokens: Int = 1024) throws {
        self.folder = folder
        self.batchTokens = max(1, batchTokens)
        let configuration = try BertConfiguration.load(folder.appendingPathComponent("config.json"))
        let tokenizerSettings = Self.json(folder.appendingPathComponent("tokenizer_config.json"))
        let lowercase = tokenizerSettings["do_lower_case"] as? Bool ?? true
        let stripAccents = tokenizerSettings["strip_accents"] as? Bool
        let spaceCJK = tokenizerSettings["tokenize_chinese_chars"] as? Bool ?? true
        tokenizer = try WordPieceTokenizer(vocabulary: folder.appendingPathComponent("vocab.txt"),
                                           lowercase: lowercase, stripAccents: stripAccents, spaceCJK: spaceCJK)
        guard tokenizer.vocabularySize == configuration.vocabularySize else {
            throw EncoderError.vocabulary(path: folder.appendingPathComponent("vocab.txt").path,
                                          why: "\(tokenizer.vocabularySize) tokens but config.json says \(configuration.vocabularySize)")
        }
        let sentenceSettings = Self.json(folder.appendingPathComponent("sentence_bert_config.json"))
        maxLength = min(sentenceSettings["max_seq_length"] as? Int ?? 256, configuration.maxPositions)
        if let pooling = Self.json(folder.appendingPathComponent("1_Pooling/config.json"))["pooling_mode_mean_tokens"] as? Bool,
           !pooling {
            throw EncoderError.configuration(path: folder.appendingPathComponent("1_Pooling/config.json").path,
                                             why: "only mean pooling is implemented")
        }
        encoder = try BertEncoder(weights: SafetensorsFile(url: folder.appendingPathComponent("model.safetensors")),
                                  configuration: configuration)
    }

    static func json(_ url: URL) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Token ids of every text, with the model's truncation.
    public func tokens(_ texts: [String]) -> [[Int32]] {
        var out = [[Int32]](repeating: [], count: texts.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = UncheckedSendable(buffer.baseAddress!)
            Parallel.forEachChunk(count: texts.count, grain: 256) { _, range in
                for i in range { (slots.value + i).pointee = tokenizer.encode(texts[i], maxLength: maxLength) }
            }
        }
        return out
    }

    /// Unit-length embeddings, `texts.count × dimension` floats row by row.
    public func embed(_ texts: [String]) -> [Float] {
        embed(tokens: tokens(texts))
    }

    public func embed(tokens: [[Int32]]) -> [Float] {
        let d = dimension
        var output = [Float](repeating: 0, count: tokens.count * d)
        let order = tokens.indices.sorted { (tokens[$0].count, $0) < (tokens[$1].count, $1) }
        var batches: [Range<Int>] = []
        var start = 0, used = 0
        for (position, i) in order.enumerated() {
            if used > 0 && used + tokens[i].count > batchTokens { batches.append(start..<position); start = position; used = 0 }
            used += tokens[i].count
        }
        if start < order.count { batches.append(start..<order.count) }
        output.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedSendable(buffer.baseAddress!)
            Parallel.forEach(count: batches.count, workerState: { (BertEncoder.Workspace(), [Float]()) }) { state, b in
                let members = order[batches[b]]
                let sequences = members.map { tokens[$0] }
                state.1 = [Float](repeating: 0, count: sequences.count * d)
                state.1.withUnsafeMutableBufferPointer { rows in
                    encoder.embed(sequences, workspace: state.0, into: rows.baseAddress!)
                    for (k, i) in members.enumerated() {
                        (out.value + i * d).update(from: rows.baseAddress! + k * d, count: d)
                    }
                }
            }
        }
        return output
    }
}

extension SentenceEncoder {
    /// What `embed(_:cache:)` found and computed.
    public struct CacheUse: Sendable { public var cached: Int; public var computed: Int }

    /// `embed(_:)` that reuses and extends `cache`; a cache that cannot be read or written is
    /// passed over (the embeddings are the same either way).
    public func embed(_ texts: [String], cache: EmbeddingCache?) -> (vectors: [Float], use: CacheUse) {
        embed(tokens: tokens(texts), cache: cache)
    }

    public func embed(tokens: [[Int32]], cache: EmbeddingCache?) -> (vectors: [Float], use: CacheUse) {
        guard let cache else { return (embed(tokens: tokens), CacheUse(cached: 0, computed: tokens.count)) }
        let keys = tokens.map(cache.key)
        let found = (try? cache.lookup(keys)) ?? [:]
        let missing = tokens.indices.filter { found[$0] == nil }
        let fresh = embed(tokens: missing.map { tokens[$0] })
        let d = dimension
        var vectors = [Float](repeating: 0, count: tokens.count * d)
        for (i, v) in found { vectors.replaceSubrange((i * d)..<((i + 1) * d), with: v) }
        for (k, i) in missing.enumerated() { vectors.replaceSubrange((i * d)..<((i + 1) * d), with: fresh[(k * d)..<((k + 1) * d)]) }
        try? cache.store(missing.enumerated().map { (keys[$0.element], fresh[($0.offset * d)..<(($0.offset + 1) * d)]) })
        return (vectors, CacheUse(cached: found.count, computed: missing.count))
    }

    /// The texts as the theme finder takes them: one unit row each, and a zero row for a text
    /// that holds no word (only [CLS] [SEP]), so it counts as empty as it does under TF-IDF; with
    /// the cache's use and the number of tokens embedded.
    public func themeRows(_ texts: [String], cache: EmbeddingCache?) throws -> (rows: Matrix<Float>, use: CacheUse, tokens: Int) {
        let tokens = self.tokens(texts)
        var (vectors, use) = embed(tokens: tokens, cache: cache)
        let d = dimension
        for (i, t) in tokens.enumerated() where t.count <= 2 {
            for j in 0..<d { vectors[i * d + j] = 0 }
        }
        return (try Matrix(rows: texts.count, columns: d, elements: vectors), use, tokens.reduce(0) { $0 + $1.count })
    }
}
