internal import COpenBLAS
import Foundation

/// What BLAS library is loaded and how many threads it uses.
///
/// OpenBLAS keeps one process-wide thread count. Skein sets it through `Compute` so BLAS threads
/// and its own worker threads never run more threads than there are cores.
public enum BLASRuntime {
    /// The library's build configuration, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String {
        String(cString: openblas_get_config())
    }

    /// The CPU kernel set OpenBLAS picked at load time, e.g. "Haswell".
    public static var coreName: String {
        String(cString: openblas_get_corename())
    }

    /// The OpenBLAS version parsed from the configuration string.
    public static var version: String {
        let words = configuration.split(separator: " ")
        if let index = words.firstIndex(of: "OpenBLAS"), index + 1 < words.count {
            return String(words[index + 1])
        }
        return "unknown"
    }

    /// "pthreads", "OpenMP" or "sequential".
    public static var threadingModel: String {
        switch openblas_get_parallel() {
        case 0: return "sequential"
        case 1: return "pthreads"
        case 2: return "OpenMP"
        default: return "unknown"
        }
    }

    /// The number of threads OpenBLAS will use for its next call.
    public static var threads: Int {
        Int(openblas_get_num_threads())
    }

    /// Sets OpenBLAS's process-wide thread count. Prefer `Compute.withThreads`.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }
}
