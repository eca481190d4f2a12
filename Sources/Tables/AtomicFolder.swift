import Foundation

/// Writes an output folder so that nobody ever sees half of one: the files go into a staging folder
/// beside the destination, which is renamed into place when every file is written. A failure part
/// way leaves the destination as it was (absent, empty, or the old folder under `--force`).
public enum AtomicFolder {
    public enum FolderError: Error, CustomStringConvertible, Equatable {
        case notEmpty(String)
        case cannotCreate(String, String)
        case cannotReplace(String, String)
        public var description: String {
            switch self {
            case let .notEmpty(dir): return "\(dir) exists and is not empty; choose another --out or pass --force to overwrite"
            case let .cannotCreate(dir, why): return "cannot create the output folder \(dir): \(why)"
            case let .cannotReplace(dir, why): return "cannot put the finished output folder in place at \(dir): \(why)"
            }
        }
    }

    /// Refuses before any work a destination that holds files (unless `force`), or one whose
    /// parent cannot be created.
    public static func check(_ dir: URL, force: Bool) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: dir.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw FolderError.cannotCreate(dir.path, "a file of that name exists") }
            if let contents = try? fm.contentsOfDirectory(atPath: dir.path), !contents.isEmpty, !force {
                throw FolderError.notEmpty(dir.path)
            }
        }
        do {
            try fm.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw FolderError.cannotCreate(dir.path, (error as NSError).localizedDescription)
        }
    }

    /// Staging and set-aside folders of `dir` left by processes that no longer run (killed part
    /// way): removed, so they neither pile up nor confuse anyone.
    static func removeLeftovers(of dir: URL) {
        let parent = dir.deletingLastPathComponent(), fm = FileManager.default
        let prefixes = [".\(dir.lastPathComponent).partial-", ".\(dir.lastPathComponent).old-"]
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }),
                  let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if pid == ProcessInfo.processInfo.processIdentifier || kill(pid, 0) == 0 || errno != ESRCH { continue }
            let leftover = parent.appendingPathComponent(name)
            // Killed between setting the old folder aside and moving the new one in: put the old one back.
            if prefix.hasSuffix(".old-"), !fm.fileExists(atPath: dir.path), rename(leftover.path, dir.path) == 0 { continue }
            try? fm.removeItem(at: leftover)
        }
    }

    /// Runs `body` on an empty staging folder, then moves the folder to `dir`.
    @discardableResult
    public static func write<T>(_ dir: URL, force: Bool, _ body: (URL) throws -> T) throws -> T {
        try check(dir, force: force)
        let fm = FileManager.default
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let parent = dir.deletingLastPathComponent()
        removeLeftovers(of: dir)
        let staging = parent.appendingPathComponent(".\(dir.lastPathComponent).partial-\(tag)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw FolderError.cannotCreate(dir.path, (error as NSError).localizedDescription)
        }
        let value: T
        do {
            value = try body(staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        // An empty destination goes; a full one (with force) is moved aside until the new one is in place.
        var old: URL?
        if fm.fileExists(atPath: dir.path) {
            if (try? fm.contentsOfDirectory(atPath: dir.path))?.isEmpty == true {
                try? fm.removeItem(at: dir)
            } else {
                let aside = parent.appendingPathComponent(".\(dir.lastPathComponent).old-\(tag)")
                guard rename(dir.path, aside.path) == 0 else {
                    try? fm.removeItem(at: staging)
                    throw FolderError.cannotReplace(dir.path, String(cString: strerror(errno)))
                }
                old = aside
            }
        }
        guard rename(staging.path, dir.path) == 0 else {
            let why = String(cString: strerror(errno))
            if let old { _ = rename(old.path, dir.path) }
            try? fm.removeItem(at: staging)
            throw FolderError.cannotReplace(dir.path, why)
        }
        if let old { try? fm.removeItem(at: old) }
        return value
    }
}
