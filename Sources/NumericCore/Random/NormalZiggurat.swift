import Foundation

/// The 256-layer ziggurat for the standard normal (Marsaglia & Tsang 2000, "The ziggurat method
/// for generating random variables"): the density's right half is covered by 255 rectangles and a
/// base strip (a rectangle plus the tail beyond r) of equal area. A draw picks a layer and a point
/// across it from one 64-bit word and, 99% of the time, returns at once; only points in a layer's
/// curved edge need the density, and only the base strip's overhang needs the tail sampler. About
/// four times faster than Box–Muller, whose sine, cosine and logarithm made normal draws over half
/// of commitment dynamics' run time.
@usableFromInline
struct NormalZiggurat: Sendable {
    @usableFromInline static let shared = NormalZiggurat()
    /// Where the tail starts, and each layer's area, for 256 layers (Marsaglia & Tsang's constants).
    @usableFromInline static let tailStart = 3.6541528853610088
    static let layerArea = 4.92867323399e-3

    /// Layer i's half-width xᵢ, i = 0…256: x₀ = area / f(r) (the base strip drawn as a rectangle of
    /// the same area), x₁ = r, then f(xᵢ₊₁) = f(xᵢ) + area / xᵢ, down to x₂₅₆ = 0.
    @usableFromInline let edge: [Double]
    /// f(xᵢ) = exp(−xᵢ²/2): layer i spans heights f(xᵢ) to f(xᵢ₊₁).
    @usableFromInline let height: [Double]

    init() {
        let r = Self.tailStart, v = Self.layerArea
        func f(_ x: Double) -> Double { exp(-0.5 * x * x) }
        var x = [Double](repeating: 0, count: 257)
        x[0] = v / f(r)
        x[1] = r
        for i in 1..<255 { x[i + 1] = (-2 * log(min(1, f(x[i]) + v / x[i]))).squareRoot() }
        x[256] = 0
        edge = x
        height = x.map(f)
    }

    /// One standard normal, given the tables' storage (see `withTables`).
    @inlinable
    static func draw<G: RandomNumberGenerator>(using g: inout G, edge: UnsafePointer<Double>, height: UnsafePointer<Double>) -> Double {
        while true {
            let bits = g.next()
            let i = Int(bits & 0xFF)
            // The top 53 bits as a signed fraction in [−1, 1): independent of the layer's 8 bits.
            let z = Double(Int64(bitPattern: bits) >> 11) * 0x1.0p-52 * edge[i]
            if abs(z) < edge[i + 1] { return z }
            if i == 0 { return z < 0 ? -tail(using: &g) : tail(using: &g) }
            if height[i] + g.nextUnitDouble() * (height[i + 1] - height[i]) < exp(-0.5 * z * z) { return z }
        }
    }

    /// Beyond r, by Marsaglia's (1964) method: r + a with a = −ln(U₁)/r, kept when −2 ln U₂ > a².
    @inlinable
    static func tail<G: RandomNumberGenerator>(using g: inout G) -> Double {
        let r = Self.tailStart
        while true {
            let a = -log(g.nextOpenUnitDouble()) / r
            let b = -log(g.nextOpenUnitDouble())
            if b + b > a * a { return r + a }
        }
    }

    /// Runs `body` with the shared tables' edges and heights (one lookup of the tables per batch).
    @inlinable
    static func withTables<R>(_ body: (UnsafePointer<Double>, UnsafePointer<Double>) -> R) -> R {
        shared.edge.withUnsafeBufferPointer { e in shared.height.withUnsafeBufferPointer { h in body(e.baseAddress!, h.baseAddress!) } }
    }
}
