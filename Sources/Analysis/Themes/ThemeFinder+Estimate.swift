import Foundation
import NumericCore

extension ThemeFinder {
    /// Seconds `analyse` will take on all of `texts`, measured rather than guessed: an evenly spaced
    /// sample of at most `pilot` texts is analysed (and, with an encoder, embedded first) and timed,
    /// then scaled by the number of responses — the pipeline is close to linear in them (sparse
    /// TF-IDF, randomized SVD, balanced k-means fitted on a capped sample). The pilot's results are
    /// thrown away; its embeddings go to the cache the full run reads.
    public func estimatedSeconds(_ texts: [String], pilot: Int = 2000, embed: (([String]) throws -> Matrix<Float>)? = nil) throws -> Double {
        let n = texts.count
        let size = min(n, n > pilot ? pilot : 200)
        guard size >= 3 else { return 0 }
        let sample = (0..<size).map { texts[$0 * n / size] }
        let start = DispatchTime.now().uptimeNanoseconds
        if let embed {
            let rows = try embed(sample)
            _ = try? analyse(sample, embedded: rows)
        } else {
            _ = try? analyse(sample)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return seconds * Double(n) / Double(size)
    }
}
