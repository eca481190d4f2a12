import Encoders
import Foundation
import NumericCore
import Testing
import TestSupport

/// The native MiniLM against sentence-transformers 6.3 / transformers 5.24 (torch 2.15, CPU): token ids
/// exactly, embeddings to cosine ≥ 0.9999. References come from
/// `Fixtures/make_minilm_reference.py` (its provenance is inside the fixtures); the model comes
/// from `skein models install minilm` (`make models`), and these tests skip, saying so, without it.
let miniLMInstalled = ModelStore().isInstalled(.miniLM)

@Suite("MiniLM against sentence-transformers", .enabled(if: miniLMInstalled,
       "all-MiniLM-L6-v2 is not installed: run `make models` (skein models install minilm)"))
struct MiniLMReferenceTests {
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/EncodersTests/Fixtures")
    static let encoder: SentenceEncoder? = try? SentenceEncoder(folder: ModelStore().installedFolder(.miniLM))

    struct TokenCase: Decodable { var text: String; var ids: [Int32] }
    struct TokenFile: Decodable { var cases: [TokenCase] }
    struct EmbeddingFile: Decodable { var texts: [String] }

    @Test("token ids equal the Hugging Face tokenizer's on 372 varied texts")
    func tokens() throws {
        let encoder = try #require(Self.encoder)
        let file = try JSONDecoder().decode(TokenFile.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("minilm_tokens.json")))
        #expect(file.cases.count >= 300)
        var wrong = 0
        for c in file.cases {
            let ids = encoder.tokenizer.encode(c.text, maxLength: encoder.maxLength)
            if ids != c.ids {
                wrong += 1
                if wrong <= 5 { Issue.record("\(c.text.debugDescription): \(ids) expected \(c.ids)") }
            }
        }
        #expect(wrong == 0, "\(wrong) of \(file.cases.count) texts tokenised differently")
    }

    @Test("embeddings equal sentence-transformers' to cosine ≥ 0.9999")
    func embeddings() throws {
        let encoder = try #require(Self.encoder)
        let file = try JSONDecoder().decode(EmbeddingFile.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("minilm_embeddings.json")))
        let reference = try Self.readFloat32Npy(Self.fixtures.appendingPathComponent("minilm_embeddings.npy"))
        let d = encoder.dimension
        #expect(reference.count == file.texts.count * d)
        let ours = Compute.withThreads(1) { encoder.embed(file.texts) }
        var worst = 1.0
        for i in file.texts.indices {
            var dot = 0.0
            for j in 0..<d { dot += Double(ours[i * d + j]) * Double(reference[i * d + j]) }
            worst = min(worst, dot)
            #expect(dot >= 0.9999, "text \(i) \(file.texts[i].prefix(60).debugDescription): cosine \(dot)")
        }
        print("MiniLM: lowest cosine to sentence-transformers over \(file.texts.count) texts: \(worst)")
    }

    @Test("embeddings are bit-identical on one thread and two, and unit length")
    func threads() throws {
        let encoder = try #require(Self.encoder)
        let texts = try JSONDecoder().decode(EmbeddingFile.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("minilm_embeddings.json"))).texts
        let one = Compute.withThreads(1) { encoder.embed(texts) }
        let two = Compute.withThreads(2) { encoder.embed(texts) }
        #expect(one == two)
        for i in texts.indices {
            let norm = (0..<encoder.dimension).reduce(Float(0)) { $0 + one[i * encoder.dimension + $1] * one[i * encoder.dimension + $1] }
            #expect(abs(norm - 1) < 1e-4)
        }
    }

    /// A float32 C-order `.npy` as written by NumPy (header `descr: '<f4'`).
    static func readFloat32Npy(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.contains("'<f4'") && header.contains("False"))
        let body = data[(10 + headerLength)...]
        return body.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

extension MiniLMReferenceTests {
    @Test("a text's embedding does not depend on the batch it is embedded in")
    func batchIndependence() throws {
        let encoder = try #require(Self.encoder)
        let texts = try JSONDecoder().decode(EmbeddingFile.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("minilm_embeddings.json"))).texts
        let together = Compute.withThreads(1) { encoder.embed(texts) }
        let d = encoder.dimension
        var differing = 0
        for (i, text) in texts.enumerated() {
            let alone = Compute.withThreads(1) { encoder.embed([text]) }
            if alone != Array(together[(i * d)..<((i + 1) * d)]) { differing += 1 }
        }
        let half = Array(texts.reversed().prefix(50)) + ["some other text to shift the rows", "and another one"]
        let other = Compute.withThreads(1) { encoder.embed(half) }
        for (k, text) in half.prefix(50).enumerated() {
            let i = try #require(texts.firstIndex(of: text))
            if Array(other[(k * d)..<((k + 1) * d)]) != Array(together[(i * d)..<((i + 1) * d)]) { differing += 1 }
        }
        #expect(differing == 0, "\(differing) texts embed differently alone or in another batch than in the first")
    }
}
