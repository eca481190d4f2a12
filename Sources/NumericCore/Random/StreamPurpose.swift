/// Names what a random stream is for, so streams for different jobs never share numbers.
///
/// The name is hashed with 64-bit FNV-1a, which, unlike Swift's `Hasher`, is the same in every
/// process: a purpose's stream is stable across runs, machines and Swift versions.
public struct StreamPurpose: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let key: UInt64

    public init(_ name: String) {
        self.name = name
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        key = hash
    }

    public var description: String { name }

    public static let networkGeneration = StreamPurpose("network-generation")
    public static let seeding = StreamPurpose("seeding")
    public static let dynamics = StreamPurpose("dynamics")
    public static let interventions = StreamPurpose("interventions")
    public static let thresholds = StreamPurpose("thresholds")
    public static let sampling = StreamPurpose("sampling")
    public static let sketch = StreamPurpose("randomized-sketch")
    public static let clustering = StreamPurpose("clustering")
    public static let permutation = StreamPurpose("permutation")
}
