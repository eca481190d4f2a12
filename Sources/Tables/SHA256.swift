import Crypto
import Foundation

/// SHA-256 for the checksums in run manifests and benchmark results (another machine confirms an
/// output bit for bit by comparing digests), on swift-crypto; this name keeps the callers' spelling.
/// Unchecked: swift-crypto's digest is a value type (its context is copied on write) that does not
/// declare Sendable on Linux.
public struct SHA256: @unchecked Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update<D: DataProtocol>(_ data: D) { hasher.update(data: data) }

    public mutating func finalize() -> [UInt8] { Array(hasher.finalize()) }

    /// The digest of `data` as 64 lowercase hex digits.
    public static func hex<D: DataProtocol>(_ data: D) -> String {
        var h = SHA256()
        h.update(data)
        return h.finalizeHex()
    }

    /// `finalize()` as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String { finalize().map { String(format: "%02x", $0) }.joined() }
}
