import Foundation

/// Writes files so that a reader never sees half of one: the content goes to a temporary file in
/// the same directory, which is then renamed over the destination (atomic on POSIX file systems).
public enum AtomicFile {
    /// A file that could not be written, with the system's reason in words (a full disk, no
    /// permission), not a Foundation error dump.
    public struct WriteError: Error, CustomStringConvertible, Equatable {
        public let file: String
        public let reason: String
        public var description: String { "cannot write \(file): \(reason)" }
    }

    /// The POSIX reason under a Foundation error, where there is one.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let code = (error as? CocoaError)?.code {
            switch code {
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteNoPermission: return "permission denied"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            default: break
            }
        }
        return errno != 0 ? String(cString: strerror(errno)) : ns.localizedDescription
    }

    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(file: url.path, reason: reason(error))
        }
        // A device or pipe (`-o /dev/stdout`, `/dev/full`), through any link, is written to, never renamed over.
        var info = stat()
        if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            guard let handle = FileHandle(forWritingAtPath: url.path) else {
                throw WriteError(file: url.path, reason: String(cString: strerror(errno)))
            }
            defer { try? handle.close() }
            do { try handle.write(contentsOf: data) } catch { throw WriteError(file: url.path, reason: reason(error)) }
            return
        }
        // A link to a file is followed, as a shell redirect would: the file it names is replaced, the link kept.
        let target = url.resolvingSymlinksInPath()
        let folder = target.deletingLastPathComponent()
        // An unpredictable name, created exclusively (O_EXCL never follows a link planted there).
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).tmp-\(tag)")
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
            if rename(temporary.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(file: url.path, reason: reason(error))
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
