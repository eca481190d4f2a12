import Encoders
import Foundation
import Testing

/// WordPiece rules on a vocabulary small enough to reason about by hand (the full comparison with
/// Hugging Face's tokenizer is in MiniLMReferenceTests).
@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "aff", "!", "the",
                             "cafe", "a", "##a", "患", "者", "x"]
    let tokenizer = try! WordPieceTokenizer(tokens: Self.vocabulary)

    @Test func greedyLongestMatchWithContinuations() {
        #expect(tokenizer.encode("unaffable") == [2, 5, 6, 7, 3])
        #expect(tokenizer.encode("UNAFFABLE!") == [2, 5, 6, 7, 9, 3])
    }

    @Test func aWordWithNoCoverIsOneUnknown() {
        #expect(tokenizer.encode("unaffablez the") == [2, 1, 10, 3])
    }

    @Test func accentsAreStrippedAndControlsRemoved() {
        #expect(tokenizer.encode("Café\u{0007}") == [2, 11, 3])
        #expect(tokenizer.encode("ca\u{200B}fe") == [2, 11, 3])
    }

    @Test func cjkIdeographsAreWordsOfTheirOwn() {
        #expect(tokenizer.encode("患者") == [2, 14, 15, 3])
    }

    @Test func wordsOverOneHundredCharactersAreUnknown() {
        #expect(tokenizer.encode(String(repeating: "a", count: 100)) == [2, 12] + Array(repeating: 13, count: 99) + [3])
        #expect(tokenizer.encode(String(repeating: "a", count: 101)) == [2, 1, 3])
    }

    @Test func literalSpecialTokensAreKept() {
        #expect(tokenizer.encode("x [MASK] x") == [2, 16, 4, 16, 3])
    }

    @Test func truncationKeepsTheSeparator() {
        let ids = tokenizer.encode(String(repeating: "x ", count: 50), maxLength: 10)
        #expect(ids.count == 10 && ids.first == 2 && ids.last == 3)
    }

    @Test func aVocabularyWithoutSpecialTokensIsRefused() {
        #expect(throws: EncoderError.self) { try WordPieceTokenizer(tokens: ["a", "b"]) }
    }
}
