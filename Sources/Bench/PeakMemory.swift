import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's peak resident set, per workload: Linux lets a process reset its high-water mark
/// (`echo 5 > /proc/self/clear_refs`), so each workload's peak is its own and not the suite's
/// largest so far. Freed heap is handed back first (`malloc_trim`), or the previous workload's
/// pages would count.
enum PeakMemory {
    /// Resets the high-water mark to the current resident set; false where that is not possible.
    @discardableResult
    static func reset() -> Bool {
        #if canImport(Glibc)
        // glibc's malloc_trim is not in Swift's Glibc module; look it up.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            typealias Trim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// Peak resident set in bytes since the last reset (VmHWM), or nil off Linux.
    static func peakBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ", omittingEmptySubsequences: true).compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return digits.first.map { $0 * 1024 }
        }
        return nil
    }
}
