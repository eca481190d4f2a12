import Foundation

/// Writes files so that a reader never sees half of one: the content goes to a temporary file in
/// the same directory, which is then renamed over the destination (atomic on POSIX file systems).
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // An unpredictable name, created exclusively (O_EXCL never follows a link planted there).
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(tag)")
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
