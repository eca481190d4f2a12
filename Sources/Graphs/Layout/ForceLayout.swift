import Foundation
import NumericCore

/// Fruchterman–Reingold force-directed layout (Fruchterman & Reingold 1991), for drawing networks
/// of up to a few thousand people: ties pull (d²/k), everyone pushes everyone nearby (k²/d), the
/// step shrinks as the layout cools. Repulsion is counted only within 2k through a uniform grid —
/// the paper's own speed-up — so an iteration costs O(n + m) rather than O(n²). A weak pull to the
/// centre keeps separate components in the frame.
///
/// Deterministic: positions start from the stream (seed, 0, "layout") and every sum runs in node
/// order on one thread, so the same graph and seed give the same drawing.
public struct ForceLayout: Sendable {
    public var iterations = 300
    public var seed: UInt64 = 0
    /// Pull towards the centre, as a share of the attraction a tie of length k would exert.
    public var gravity = 0.05

    public init(iterations: Int = 300, seed: UInt64 = 0) {
        self.iterations = iterations
        self.seed = seed
    }

    /// Positions in [0, 1] × [0, 1], one per node (ties treated as undirected, weights ignored).
    public func positions(_ graph: Graph) -> (x: [Double], y: [Double]) {
        let n = graph.nodeCount
        guard n > 1 else { return ([Double](repeating: 0.5, count: n), [Double](repeating: 0.5, count: n)) }
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: StreamPurpose("layout"))
        var x = (0..<n).map { _ in rng.nextUnitDouble() }, y = (0..<n).map { _ in rng.nextUnitDouble() }
        var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
        let k = (1.0 / Double(n)).squareRoot()
        let cells = max(1, Int(1.0 / (2 * k)))
        var head = [Int32](repeating: -1, count: cells * cells), next = [Int32](repeating: -1, count: n)
        var temperature = 0.1
        let cooling = temperature / Double(iterations + 1)
        let offsets = graph.csrOffsets, targets = graph.csrTargets
        for _ in 0..<iterations {
            for i in 0..<n { dx[i] = 0; dy[i] = 0 }
            // Bucket nodes by grid cell (positions live in [0, 1]; outliers are clamped into the border cells).
            for c in head.indices { head[c] = -1 }
            func cell(_ v: Double) -> Int { min(cells - 1, max(0, Int(v * Double(cells)))) }
            for i in 0..<n {
                let c = cell(y[i]) * cells + cell(x[i])
                next[i] = head[c]
                head[c] = Int32(i)
            }
            // Repulsion between nodes in the same or neighbouring cells, within 2k.
            let reach2 = 4 * k * k
            for i in 0..<n {
                let ci = cell(x[i]), cj = cell(y[i])
                for gy in max(0, cj - 1)...min(cells - 1, cj + 1) {
                    for gx in max(0, ci - 1)...min(cells - 1, ci + 1) {
                        var j = Int(head[gy * cells + gx])
                        while j >= 0 {
                            if j != i {
                                var ddx = x[i] - x[j], ddy = y[i] - y[j]
                                var d2 = ddx * ddx + ddy * ddy
                                if d2 < 1e-18 {  // coincident: push apart along a direction fixed by the pair
                                    ddx = 1e-6 * Double((i &* 31 &+ j) % 7 - 3)
                                    ddy = 1e-6 * Double((j &* 17 &+ i) % 5 - 2)
                                    d2 = ddx * ddx + ddy * ddy + 1e-18
                                }
                                if d2 < reach2 {
                                    let f = k * k / d2  // (k²/d) along the unit vector = k²·Δ/d²
                                    dx[i] += ddx * f
                                    dy[i] += ddy * f
                                }
                            }
                            j = Int(next[j])
                        }
                    }
                }
            }
            // Attraction along ties, d²/k, applied to both ends once per tie.
            for u in 0..<n {
                for e in offsets[u]..<offsets[u + 1] {
                    let v = Int(targets[e])
                    guard v > u || (graph.isDirected && v != u) else { continue }
                    let ddx = x[u] - x[v], ddy = y[u] - y[v]
                    let d = (ddx * ddx + ddy * ddy).squareRoot()
                    let f = d / k  // (d²/k) along the unit vector = Δ·d/k
                    dx[u] -= ddx * f; dy[u] -= ddy * f
                    dx[v] += ddx * f; dy[v] += ddy * f
                }
            }
            // Gravity to the centre, then a step no longer than the temperature.
            for i in 0..<n {
                dx[i] += gravity * (0.5 - x[i]) / k
                dy[i] += gravity * (0.5 - y[i]) / k
                let length = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
                if length > 0 {
                    let step = min(length, temperature) / length
                    x[i] += dx[i] * step
                    y[i] += dy[i] * step
                }
            }
            temperature -= cooling
        }
        // Fit into the unit square, keeping the aspect ratio.
        let (x0, x1) = (x.min()!, x.max()!), (y0, y1) = (y.min()!, y.max()!)
        let span = max(x1 - x0, y1 - y0, 1e-12)
        let ox = (span - (x1 - x0)) / 2, oy = (span - (y1 - y0)) / 2
        return (x.map { ($0 - x0 + ox) / span }, y.map { ($0 - y0 + oy) / span })
    }
}
