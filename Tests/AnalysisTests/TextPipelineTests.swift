@testable import Analysis
import Foundation
import NumericCore
import Tables
import Testing
import TestSupport

/// Tokens, TF-IDF weights, response files and .npy vectors.
@Suite("Text pipeline")
struct TextPipelineTests {
    @Test func tokensKeepCompoundsAndDropStopWords() {
        #expect(Tokenizer.words(Tokenizer.normalise("Co-production with A&E staff isn't easy!")).map(String.init)
                == ["co-production", "with", "a&e", "staff", "isn't", "easy"])
        let t = Tokenizer()
        #expect(t.terms("Co-production with A&E staff isn't easy").map(\.term) == ["co-product", "a&e", "staff", "easi"])
        // Compatibility forms and case fold: the ligature ﬁ and full-width letters become plain ones.
        #expect(Tokenizer.normalise("ＮＨＳ ﬁnance") == "nhs finance")
        #expect(Tokenizer(extraStopWords: ["staff"]).terms("staff meetings").map(\.term) == ["meet"])
        #expect(t.terms("2019 or 42").isEmpty)
    }

    @Test func tfidfWeightsMatchTheSublinearSmoothedFormula() throws {
        let texts = ["apple apple banana", "apple cherry", "banana cherry cherry", "durian"]
        let v = TfidfVectorizer(tokenizer: Tokenizer(stem: false), minDocumentFrequency: 1, maxDocumentShare: 1, bigrams: false)
        let f = try v.fit(texts)
        #expect(f.terms == ["apple", "banana", "cherry", "durian"])
        // idf = ln((1 + n) / (1 + df)) + 1 with n = 4.
        let idf = { (df: Double) in log(5 / (1 + df)) + 1 }
        #expect(abs(f.idf[0] - idf(2)) < 1e-12 && abs(f.idf[3] - idf(1)) < 1e-12)
        // Row 0: apple tf 2 → 1 + ln 2, banana tf 1 → 1; then unit length.
        let a = (1 + log(2)) * idf(2), b = idf(2), norm = (a * a + b * b).squareRoot()
        #expect(abs(f.matrix[0, 0] - a / norm) < 1e-12 && abs(f.matrix[0, 1] - b / norm) < 1e-12 && f.matrix[0, 2] == 0)
        #expect(abs(f.matrix[3, 3] - 1) < 1e-12)
        // Bigrams and min_df: only pairs seen twice survive min_df = 2.
        let bi = try TfidfVectorizer(tokenizer: Tokenizer(stem: false), minDocumentFrequency: 2, maxDocumentShare: 1)
            .fit(["waiting times", "waiting times again", "times waiting"])
        #expect(bi.terms == ["times", "waiting", "waiting times"])
    }

    /// The byte-level word path gives the same words as the String path, on ASCII and on text
    /// that needs NFKC and case folding; labels keep the commonest surface forms, for bigrams the
    /// commonest pair as written ("working copy", not the stems' separate favourites).
    @Test func wordsFromBytesAndSurfaceLabels() throws {
        for text in ["Co-production with A&E staff isn't easy!", "ＮＨＳ ﬁnance — Don’t CUT nurses", "x 42 a-b &c"] {
            var scratch: [UInt8] = [], words: [String] = []
            Tokenizer.forEachWord(in: text, scratch: &scratch) { words.append(String(decoding: $0, as: UTF8.self)) }
            #expect(words == Tokenizer.words(Tokenizer.normalise(text)).map { $0.replacingOccurrences(of: "’", with: "'") })
        }
        let f = try TfidfVectorizer(minDocumentFrequency: 1, maxDocumentShare: 1)
            .fit(["working copy lost", "working copy again", "work copies", "works", "works", "works"])
        let label = { (term: String) in f.labels[f.terms.firstIndex(of: term)!] }
        #expect(label("work") == "works" && label("work copi") == "working copy")
    }

    @Test func wordTableInternsByteSequences() {
        var table = WordTable(capacity: 2)
        var ids: [Int32] = []
        for w in (0..<500).map({ "w\($0)" }) + ["w7", "w499", "é"] {
            var bytes = Array(w.utf8)
            ids.append(bytes.withUnsafeMutableBufferPointer { table.intern(UnsafeBufferPointer($0)).id })
        }
        #expect(Array(ids.prefix(500)) == (0..<500).map(Int32.init))
        #expect(ids[500] == 7 && ids[501] == 499 && ids[502] == 500 && table.count == 501)
        #expect(table.word(499) == "w499" && table.word(500) == "é")
    }

    /// Same term set → grouped (order, stop words, case, punctuation aside); long responses one
    /// term apart → grouped; short ones one term apart, or sharing only common words, → not.
    @Test func nearDuplicatesShareTermSets() throws {
        let texts = ["Please, more staff on nights!", "more staff nights please", "staff nights",
                     "parking permits for night staff are too expensive this year",
                     "parking permits for night staff are too expensive this winter",
                     "staff rota problems", "staff rota changes", "rota", "unrelated words entirely",
                     "parking permits", "more staff nights please"]
        let fitted = try TfidfVectorizer(minDocumentFrequency: 1, maxDocumentShare: 1).fit(texts)
        #expect(fitted.nearDuplicateGroups == [[0, 1, 2, 10], [3, 4]])
    }

    @Test func keyTableInternsPairs() {
        var table = KeyTable(capacity: 2)
        let keys = (0..<3000).map { KeyTable.pair(Int32($0 % 97), Int32($0 / 97 - 5)) }
        let indices = keys.map { table.intern($0).index }
        #expect(indices == Array(0..<3000) && table.count == 3000)
        #expect(table.intern(keys[1234]) == (1234, false) && table.index(of: keys[77]) == 77)
        #expect(table.index(of: KeyTable.pair(1000, 1000)) == nil && table.keys[5] == keys[5])
    }

    @Test func responseFilesInEveryFormatAndTheirErrors() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("r.csv")
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array("id,table,comment\r\n1,A,\"more staff,\r\nplease\"\r\n2,B,parking\r\n".utf8)).write(to: csv)
        let t = try ResponseTable.read(csv.path, idColumn: "id", by: ["table"])
        #expect(t.texts == ["more staff,\r\nplease", "parking"] && t.ids == ["1", "2"] && t.groups[0].values == ["A", "B"])
        #expect {
            _ = try ResponseTable.read(csv.path, textColumn: "coment")
        } throws: { error in
            (error as? TableError).map { $0.message.contains("did you mean \"comment\"") && $0.file == csv.path } == true
        }
        let jsonl = dir.appendingPathComponent("r.jsonl")
        try "{\"text\": \"car park\", \"role\": \"nurse\"}\n\n{\"text\": \"rota\", \"role\": \"doctor\"}\n".write(to: jsonl, atomically: true, encoding: .utf8)
        let j = try ResponseTable.read(jsonl.path, by: ["role"])
        #expect(j.texts == ["car park", "rota"] && j.groups[0].values == ["nurse", "doctor"])
        let txt = dir.appendingPathComponent("r.txt")
        try Data(Array("fine\n".utf8) + [0xFF, 0xFE] + Array("\n".utf8)).write(to: txt)
        #expect {
            _ = try ResponseTable.read(txt.path)
        } throws: { error in (error as? TableError).map { $0.line == 2 && $0.message.contains("UTF-8") } == true }
        let empty = dir.appendingPathComponent("e.txt")
        try Data().write(to: empty)
        #expect(throws: TableError.self) { try ResponseTable.read(empty.path) }
    }

    @Test func npyVectorsReadInBothPrecisions() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func npy(_ descr: String, _ payload: [UInt8]) -> Data {
            var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (2, 3), }"
            while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
            header += "\n"
            let len = UInt16(header.utf8.count)
            return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(len & 0xFF), UInt8(len >> 8)] + Array(header.utf8) + payload)
        }
        let values: [Double] = [1, 2, 3, 4.5, -5, 6]
        let f8 = dir.appendingPathComponent("v8.npy"), f4 = dir.appendingPathComponent("v4.npy")
        try npy("<f8", values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }).write(to: f8)
        try npy("<f4", values.flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian, Array.init) }).write(to: f4)
        for url in [f8, f4] {
            let m = try NpyReader.read(url)
            #expect(m.rows == 2 && m.columns == 3 && m[1, 0] == 4.5 && m[1, 1] == -5)
        }
        try npy("<i8", []).write(to: f8)
        #expect(throws: NpyReader.NpyError.self) { try NpyReader.read(f8) }
    }
}
