import Foundation
import NumericCore

/// A BERT encoder's forward pass in single precision on OpenBLAS, for sentence embeddings.
///
/// Sequences are packed end to end with no padding: every linear layer is one GEMM over all the
/// tokens of a batch, and attention runs per sequence over its own length, so no arithmetic is
/// spent on pad tokens (the reference batches by character length and pads 30–43%). Query, key and
/// value weights are fused into one matrix at load time, so a layer is four GEMMs. Weights are
/// immutable and shared by every worker; each worker brings its own `Workspace`.
public final class BertEncoder: Sendable {
    public let configuration: BertConfiguration

    struct Layer: Sendable {
        var qkv: [Float], qkvBias: [Float]
        var output: [Float], outputBias: [Float], attentionNormWeight: [Float], attentionNormBias: [Float]
        var up: [Float], upBias: [Float], down: [Float], downBias: [Float], outputNormWeight: [Float], outputNormBias: [Float]
    }

    let wordEmbeddings: [Float], positionEmbeddings: [Float], typeEmbeddings: [Float]
    let embeddingNormWeight: [Float], embeddingNormBias: [Float]
    let layers: [Layer]

    public init(weights: SafetensorsFile, configuration c: BertConfiguration) throws {
        configuration = c
        let h = c.hiddenSize, i = c.intermediateSize
        // Some exports prefix every name with "bert.".
        let prefix = weights.entries["embeddings.word_embeddings.weight"] == nil ? "bert." : ""
        func t(_ name: String, _ shape: [Int]) throws -> [Float] { try weights.floats(prefix + name, shape: shape) }
        wordEmbeddings = try t("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try t("embeddings.position_embeddings.weight", [c.maxPositions, h])
        typeEmbeddings = try t("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNormWeight = try t("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try t("embeddings.LayerNorm.bias", [h])
        layers = try (0..<c.layers).map { l in
            let p = "encoder.layer.\(l)."
            return Layer(
                qkv: try t(p + "attention.self.query.weight", [h, h]) + t(p + "attention.self.key.weight", [h, h])
                    + t(p + "attention.self.value.weight", [h, h]),
                qkvBias: try t(p + "attention.self.query.bias", [h]) + t(p + "attention.self.key.bias", [h])
                    + t(p + "attention.self.value.bias", [h]),
                output: try t(p + "attention.output.dense.weight", [h, h]),
                outputBias: try t(p + "attention.output.dense.bias", [h]),
                attentionNormWeight: try t(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBias: try t(p + "attention.output.LayerNorm.bias", [h]),
                up: try t(p + "intermediate.dense.weight", [i, h]), upBias: try t(p + "intermediate.dense.bias", [i]),
                down: try t(p + "output.dense.weight", [h, i]), downBias: try t(p + "output.dense.bias", [h]),
                outputNormWeight: try t(p + "output.LayerNorm.weight", [h]),
                outputNormBias: try t(p + "output.LayerNorm.bias", [h]))
        }
    }

    static let minimumRows = 32

    /// Scratch buffers for batches of up to `capacity` tokens, allocated once per worker and
    /// grown only when a batch needs more.
    public final class Workspace {
        var capacity = 0, longest = 0
        var hidden = UnsafeMutablePointer<Float>.allocate(capacity: 1), qkv = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        var context = UnsafeMutablePointer<Float>.allocate(capacity: 1), sum = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        var inner = UnsafeMutablePointer<Float>.allocate(capacity: 1), scores = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        public init() {}
        func swapHidden() { swap(&hidden, &sum) }
        deinit { for p in [hidden, qkv, context, sum, inner, scores] { p.deallocate() } }

        func reserve(tokens: Int, longest: Int, _ c: BertConfiguration) {
            if tokens > capacity {
                capacity = tokens
                for p in [hidden, qkv, context, sum, inner] { p.deallocate() }
                hidden = .allocate(capacity: tokens * c.hiddenSize)
                qkv = .allocate(capacity: tokens * 3 * c.hiddenSize)
                context = .allocate(capacity: tokens * c.hiddenSize)
                sum = .allocate(capacity: tokens * c.hiddenSize)
                inner = .allocate(capacity: tokens * c.intermediateSize)
            }
            if longest > self.longest {
                self.longest = longest
                scores.deallocate()
                scores = .allocate(capacity: longest * longest)
            }
        }
    }

    /// Mean-pooled, L2-normalised embeddings of `sequences` (token ids, each within the model's
    /// positions), written row by row into `output` (hidden size floats per sequence).
    public func embed(_ sequences: [[Int32]], workspace w: Workspace, into output: UnsafeMutablePointer<Float>) {
        let c = configuration, h = c.hiddenSize
        let tokens = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.map(\.count).max() ?? 0
        guard tokens > 0 else { return }
        // OpenBLAS sums differently for GEMMs of one to three rows, so a batch is at least
        // `minimumRows` rows (zero rows after the last token): a text's embedding is then the
        // same bits whatever batch it is in, which makes per-text caching exact.
        let total = max(tokens, Self.minimumRows)
        w.reserve(tokens: total, longest: longest, c)
        if total > tokens { (w.hidden + tokens * h).initialize(repeating: 0, count: (total - tokens) * h) }
        let starts = sequences.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let eps = Float(c.layerNormEpsilon)
        let hidden = w.hidden

        // Embeddings: word + position + type 0, then layer norm.
        wordEmbeddings.withUnsafeBufferPointer { word in
        positionEmbeddings.withUnsafeBufferPointer { position in
        typeEmbeddings.withUnsafeBufferPointer { type in
            for (s, ids) in sequences.enumerated() {
                for (p, id) in ids.enumerated() {
                    let row = hidden + (starts[s] + p) * h
                    let wr = word.baseAddress! + Int(id) * h, pr = position.baseAddress! + p * h
                    for j in 0..<h { row[j] = wr[j] + pr[j] + type[j] }
                    Self.layerNorm(row, h, embeddingNormWeight, embeddingNormBias, eps)
                }
            }
        }
        }
        }
        for layer in layers {
            attention(layer, total, sequences, starts, w)
            feedForward(layer, total, w)
        }
        // Mean pooling over each sequence's tokens, then unit length.
        let final = w.hidden
        for s in sequences.indices {
            let out = output + s * h
            for j in 0..<h { out[j] = 0 }
            for t in starts[s]..<starts[s + 1] {
                let row = final + t * h
                for j in 0..<h { out[j] += row[j] }
            }
            let n = Float(sequences[s].count)
            var norm: Float = 0
            for j in 0..<h { out[j] /= n; norm += out[j] * out[j] }
            let scale = 1 / max(norm.squareRoot(), 1e-12)
            for j in 0..<h { out[j] *= scale }
        }
    }

    private func attention(_ layer: Layer, _ total: Int, _ sequences: [[Int32]], _ starts: [Int], _ w: Workspace) {
        let c = configuration, h = c.hiddenSize, d = c.headSize, h3 = 3 * h
        let scale = 1 / Float(d).squareRoot()
        let hidden = w.hidden, qkv = w.qkv, context = w.context, scores = w.scores, sum = w.sum
        Self.linear(hidden, total, h, layer.qkv, layer.qkvBias, h3, into: qkv)
        for s in sequences.indices {
            let length = sequences[s].count, base = qkv + starts[s] * h3
            for head in 0..<c.heads {
                let q = base + head * d, k = base + h + head * d, v = base + 2 * h + head * d
                Float._gemm(transA: false, transB: true, m: Int32(length), n: Int32(length), k: Int32(d), alpha: scale,
                            a: q, lda: Int32(h3), b: k, ldb: Int32(h3), beta: 0, c: scores, ldc: Int32(length))
                for r in 0..<length { Self.softmax(scores + r * length, length) }
                Float._gemm(transA: false, transB: false, m: Int32(length), n: Int32(d), k: Int32(length), alpha: 1,
                            a: scores, lda: Int32(length), b: v, ldb: Int32(h3), beta: 0,
                            c: context + starts[s] * h + head * d, ldc: Int32(h))
            }
        }
        Self.linear(context, total, h, layer.output, layer.outputBias, h, into: sum)
        Self.addAndNormalise(sum, hidden, total, h, layer.attentionNormWeight, layer.attentionNormBias, Float(c.layerNormEpsilon))
        w.swapHidden()
    }

    private func feedForward(_ layer: Layer, _ total: Int, _ w: Workspace) {
        let c = configuration, h = c.hiddenSize, i = c.intermediateSize
        Self.linear(w.hidden, total, h, layer.up, layer.upBias, i, into: w.inner)
        Self.gelu(w.inner, total * i)
        Self.linear(w.inner, total, i, layer.down, layer.downBias, h, into: w.sum)
        Self.addAndNormalise(w.sum, w.hidden, total, h, layer.outputNormWeight, layer.outputNormBias, Float(c.layerNormEpsilon))
        w.swapHidden()
    }

    /// sum = LayerNorm(sum + hidden), row by row; the caller then swaps the two buffers' roles
    /// rather than copying the result back.
    static func addAndNormalise(_ sum: UnsafeMutablePointer<Float>, _ hidden: UnsafeMutablePointer<Float>, _ rows: Int, _ h: Int,
                                _ weight: [Float], _ bias: [Float], _ eps: Float) {
        for t in 0..<rows {
            let row = sum + t * h, residual = hidden + t * h
            for j in 0..<h { row[j] += residual[j] }
            layerNorm(row, h, weight, bias, eps)
        }
    }

    /// out[rows × n] = x[rows × k] · Wᵀ + b, with W stored [n × k] as PyTorch's Linear keeps it.
    static func linear(_ x: UnsafePointer<Float>, _ rows: Int, _ k: Int, _ weight: [Float], _ bias: [Float], _ n: Int,
                       into out: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { b in
            for r in 0..<rows { (out + r * n).update(from: b.baseAddress!, count: n) }
        }
        weight.withUnsafeBufferPointer { wt in
            Float._gemm(transA: false, transB: true, m: Int32(rows), n: Int32(n), k: Int32(k), alpha: 1,
                        a: x, lda: Int32(k), b: wt.baseAddress!, ldb: Int32(k), beta: 1, c: out, ldc: Int32(n))
        }
    }

    @inline(__always)
    static func layerNorm(_ row: UnsafeMutablePointer<Float>, _ n: Int, _ weight: [Float], _ bias: [Float], _ eps: Float) {
        // Sums in eight lanes (float addition does not reassociate on its own, so the compiler
        // would not vectorise a scalar loop), then one pass to scale.
        var total = SIMD8<Float>(), squares = SIMD8<Float>()
        let lanes = n / 8 * 8
        let raw = UnsafeMutableRawPointer(row)
        for j in stride(from: 0, to: lanes, by: 8) { total += raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) }
        var mean = total.sum()
        for j in lanes..<n { mean += row[j] }
        mean /= Float(n)
        let m = SIMD8<Float>(repeating: mean)
        for j in stride(from: 0, to: lanes, by: 8) {
            let x = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) - m
            squares += x * x
        }
        var variance = squares.sum()
        for j in lanes..<n { let x = row[j] - mean; variance += x * x }
        variance /= Float(n)
        let inverse = 1 / (variance + eps).squareRoot()
        weight.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                for j in 0..<n { row[j] = (row[j] - mean) * inverse * w[j] + b[j] }
            }
        }
    }

    @inline(__always)
    static func softmax(_ row: UnsafeMutablePointer<Float>, _ n: Int) {
        var top = -Float.infinity
        for j in 0..<n { top = max(top, row[j]) }
        var total: Float = 0
        for j in 0..<n { let e = expf(row[j] - top); row[j] = e; total += e }
        let inverse = 1 / total
        for j in 0..<n { row[j] *= inverse }
    }

    /// GELU with the error function, as BERT's "gelu" is: x·(1 + erf(x/√2))/2, eight lanes at a
    /// time through `FastErf` (libm's erff was 15% of the forward pass).
    static func gelu(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        let raw = UnsafeMutableRawPointer(x)
        let lanes = n / 8 * 8
        let r = SIMD8<Float>(repeating: Float(0.5).squareRoot()), half = SIMD8<Float>(repeating: 0.5), one = SIMD8<Float>(repeating: 1)
        for j in stride(from: 0, to: lanes, by: 8) {
            let v = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: half * v * (one + FastErf.erf(v * r)), toByteOffset: j * 4, as: SIMD8<Float>.self)
        }
        for j in lanes..<n { let v = x[j]; x[j] = 0.5 * v * (1 + erff(v * Float(0.5).squareRoot())) }
    }
}

extension BertEncoder {
    /// Floating-point operations of the linear layers for `tokens` tokens (2 per multiply-add;
    /// attention adds 4·L·hidden per token and layer, under 2% for event-length texts).
    public func flops(tokens: Int) -> Double {
        let c = configuration, h = Double(c.hiddenSize), i = Double(c.intermediateSize)
        return 2 * Double(tokens) * Double(c.layers) * (3 * h * h + h * h + 2 * h * i)
    }

    /// OpenBLAS SGEMM's rate (FLOP/s) on this encoder's four linear shapes at 1024 rows, the
    /// roofline the forward pass is measured against; best of three rounds, one BLAS thread.
    public func sgemmRate(rows: Int = 1024) -> Double {
        let c = configuration, h = c.hiddenSize, i = c.intermediateSize
        let shapes = [(h, 3 * h), (h, h), (h, i), (i, h)]
        let x = [Float](repeating: 0.01, count: rows * i), w = [Float](repeating: 0.02, count: i * 3 * h)
        var out = [Float](repeating: 0, count: rows * i)
        var best = Double.infinity
        let work = shapes.reduce(0.0) { $0 + 2 * Double(rows) * Double($1.0) * Double($1.1) } * Double(c.layers)
        BLASRuntime.singleThreaded {
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<c.layers {
                    for (k, n) in shapes {
                        x.withUnsafeBufferPointer { a in w.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { o in
                            Float._gemm(transA: false, transB: true, m: Int32(rows), n: Int32(n), k: Int32(k), alpha: 1,
                                        a: a.baseAddress!, lda: Int32(k), b: b.baseAddress!, ldb: Int32(k), beta: 1,
                                        c: o.baseAddress!, ldc: Int32(n))
                        } } }
                    }
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        }
        return work / best
    }
}
