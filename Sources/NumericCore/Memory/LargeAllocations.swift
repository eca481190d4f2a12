#if canImport(Glibc)
import Glibc
#endif

/// How the process's allocator treats the numeric core's big work matrices.
///
/// glibc hands every allocation above its mmap threshold (at most 32 MB) to the kernel and back
/// on free, so each m × l matrix of a randomized SVD or a projection (tens of MB, several per
/// run) arrived as fresh pages: a page fault and a kernel zeroing per 4 KB, 13% of a 200 000-
/// response analysis. Served from the heap, with freed heap kept, the next matrix reuses the pages.
public enum LargeAllocations {
    /// Serve allocations up to 1 GB from the heap and keep up to 1 GB of freed heap (glibc; no-op
    /// elsewhere). Call once, early, from an executable; a library never changes it by itself.
    /// Returns whether the allocator took the settings.
    @discardableResult
    public static func reuseFreedPages() -> Bool {
        #if canImport(Glibc)
        // mallopt is not in Swift's Glibc module map; look it up as the bench's malloc_trim is.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3
        return mallopt(mmapThreshold, 1 << 30) == 1 && mallopt(trimThreshold, 1 << 30) == 1
            && mallopt(topPad, 64 << 20) == 1
        #else
        return false
        #endif
    }
}
