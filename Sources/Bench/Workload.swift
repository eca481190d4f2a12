import Foundation
import Tables

/// One thing a suite times, in three parts: `prepare` (inputs: loading a file, generating a
/// network, building a scenario's population; untimed), `execute` (the work being measured, timed)
/// and `outcome` (the checksum and figures of what `execute` produced; untimed, so hashing a result
/// never counts as the work). Every repeat times the same work on the same input, as a peer's
/// benchmark would.
///
/// `execute` must be deterministic: its checksum is what another machine compares bit for bit, and
/// the runner refuses a workload whose checksum changes between repeats.
public protocol Workload: Sendable {
    associatedtype Input
    associatedtype Output
    /// What `WorkloadOutcome.work` counts, for throughput ("edges", "agent-steps", "responses").
    var unit: String { get }
    func prepare() throws -> Input
    func execute(_ input: Input) throws -> Output
    func outcome(_ output: Output, input: Input) throws -> WorkloadOutcome
}

/// What one execution produced: a checksum of its result, how much work that was, and a few
/// outcome figures a reader compares with a peer's (mean reach, modularity, number of themes).
public struct WorkloadOutcome: Sendable, Equatable {
    public var checksum: String
    public var work: Double
    public var figures: [String: Double]

    public init(checksum: String, work: Double, figures: [String: Double] = [:]) {
        self.checksum = checksum
        self.work = work
        self.figures = figures
    }
}

/// Builds a checksum from a result's values in a fixed, platform-independent byte order:
/// integers as 64-bit little-endian, doubles by their IEEE-754 bit pattern (so −0 ≠ +0 and a
/// change in the last bit shows), strings as UTF-8 with their length.
public struct Checksum: Sendable {
    private var hasher = SHA256()
    public init() {}

    public mutating func add(_ x: Int) { add(UInt64(bitPattern: Int64(x))) }
    public mutating func add(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { hasher.update($0) } }
    public mutating func add(_ x: Double) { add(x.bitPattern) }
    public mutating func add(_ s: String) {
        add(s.utf8.count)
        hasher.update(Data(s.utf8))
    }
    public mutating func add(_ xs: [Double]) { add(xs.map(\.bitPattern)) }
    /// Integers as 64-bit little-endian (wider unsigned values by their bit pattern), hashed in chunks.
    public mutating func add<I: FixedWidthInteger>(_ xs: [I]) {
        add(xs.count)
        var bytes = [UInt8](); bytes.reserveCapacity(8 * min(xs.count, 8192))
        for chunk in stride(from: 0, to: xs.count, by: 8192) {
            bytes.removeAll(keepingCapacity: true)
            for x in xs[chunk..<min(xs.count, chunk + 8192)] {
                withUnsafeBytes(of: Int64(truncatingIfNeeded: x).littleEndian) { bytes.append(contentsOf: $0) }
            }
            hasher.update(bytes)
        }
    }
    public mutating func add(bytes data: Data) { hasher.update(data) }

    /// Values that come out of OpenBLAS products, quantised to multiples of 10⁻⁹ first: OpenBLAS picks
    /// its kernels by CPU (AVX2 or AVX-512 GEMM sum in different orders), which moves the last bits,
    /// and the checksum is meant to confirm the same result on another machine, not the same kernel.
    public mutating func add(quantised xs: [Double]) {
        add(xs.map { $0.isFinite ? Int64(($0 * 1e9).rounded()) : Int64.min })
    }

    /// The SHA-256 as 64 lowercase hex digits.
    public mutating func hex() -> String { hasher.finalizeHex() }
}
