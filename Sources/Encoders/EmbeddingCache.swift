import Crypto
import Foundation
import GRDB

/// Embeddings already computed, kept per (model weights, token ids) in one SQLite file, so
/// re-analysing, assigning or watching a growing file embeds only what is new.
///
/// The key is the token sequence rather than the raw text: the tokenizer's normalisation
/// (whitespace, case, accents, control characters) is exactly what the model sees, and a text's
/// embedding does not depend on the batch it was computed in (`BertEncoder.minimumRows`), so a
/// cached vector is bit for bit the one a fresh run would compute.
public final class EmbeddingCache {
    public let url: URL
    let queue: DatabaseQueue
    let model: Data
    let dimension: Int

    /// `SKEIN_EMBEDDING_CACHE`, else `embeddings/` beside the model store.
    public static func defaultURL(for model: EncoderModel, store: ModelStore = ModelStore()) -> URL {
        if let path = ProcessInfo.processInfo.environment["SKEIN_EMBEDDING_CACHE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return store.root.deletingLastPathComponent().appendingPathComponent("embeddings/\(model.name).sqlite")
    }

    public init(url: URL, model: EncoderModel, dimension: Int) throws {
        self.url = url
        self.model = Data(model.weightsSHA256.utf8)
        self.dimension = dimension
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS embeddings (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID")
        }
    }

    public func key(_ tokens: [Int32]) -> Data {
        var hasher = Crypto.SHA256()
        hasher.update(data: model)
        tokens.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Data(hasher.finalize())
    }

    /// The cached vectors among `keys`, by position.
    public func lookup(_ keys: [Data]) throws -> [Int: [Float]] {
        var found: [Int: [Float]] = [:]
        let bytes = dimension * MemoryLayout<Float>.size
        try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT vector FROM embeddings WHERE key = ?")
            for (i, key) in keys.enumerated() {
                guard let blob = try Data.fetchOne(statement, arguments: [key]), blob.count == bytes else { continue }
                found[i] = blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            }
        }
        return found
    }

    public func store(_ entries: [(key: Data, vector: ArraySlice<Float>)]) throws {
        guard !entries.isEmpty else { return }
        try queue.write { db in
            let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?, ?)")
            for entry in entries {
                let blob = entry.vector.withUnsafeBytes { Data($0) }
                try statement.execute(arguments: [entry.key, blob])
            }
        }
    }
}
