import Foundation
import Testing
import TestSupport
@testable import Tables

/// Outputs appear whole or not at all, never through a planted link, and a killed run's leftovers
/// neither pile up nor lose the previous folder (hardening, issue #27).
@Suite("Atomic files and folders")
struct AtomicFolderTests {
    static func scratch() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("a link at the destination is followed as a shell redirect would (the link kept); devices are written to, never replaced")
    func linksAndDevices() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.csv"), out = dir.appendingPathComponent("out.csv")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: out, withDestinationURL: target)
        try AtomicFile.write("a,b\n", to: out)
        #expect(try String(contentsOf: target, encoding: .utf8) == "a,b\n")
        #expect((try FileManager.default.attributesOfItem(atPath: out.path)[.type] as? FileAttributeType) == .typeSymbolicLink)
        // No temporary file is left beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.csv", "target.csv"])
        // A character device stays one; a full one is a clear error, not a Foundation dump.
        try AtomicFile.write("x", to: URL(fileURLWithPath: "/dev/null"))
        #expect((try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType) == .typeCharacterSpecial)
        if FileManager.default.fileExists(atPath: "/dev/full") {
            #expect(throws: AtomicFile.WriteError(file: "/dev/full", reason: "No space left on device")) {
                try AtomicFile.write("x", to: URL(fileURLWithPath: "/dev/full"))
            }
        }
    }

    @Test("a dead process's staging folder is removed; its set-aside old folder is put back when the new one never arrived")
    func leftovers() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let fm = FileManager.default, dead: Int32 = 2_147_483_646
        let dir = parent.appendingPathComponent("run")
        try fm.createDirectory(at: parent.appendingPathComponent(".run.partial-\(dead)-7"), withIntermediateDirectories: true)
        let old = parent.appendingPathComponent(".run.old-\(dead)-7")
        try fm.createDirectory(at: old, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: old.appendingPathComponent("manifest.json"))
        AtomicFolder.removeLeftovers(of: dir)
        #expect(try fm.contentsOfDirectory(atPath: parent.path) == ["run"])
        #expect(try String(contentsOf: dir.appendingPathComponent("manifest.json"), encoding: .utf8) == "old")
        // A live process's staging folder (this one's) is left alone.
        let mine = parent.appendingPathComponent(".run.partial-\(ProcessInfo.processInfo.processIdentifier)-9")
        try fm.createDirectory(at: mine, withIntermediateDirectories: true)
        AtomicFolder.removeLeftovers(of: dir)
        #expect(fm.fileExists(atPath: mine.path))
    }

    @Test("with force the new folder replaces the old one whole: no stale file survives")
    func forceReplacesWhole() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let dir = parent.appendingPathComponent("run")
        try AtomicFolder.write(dir, force: false) { try AtomicFile.write("1", to: $0.appendingPathComponent("network.csv")) }
        try AtomicFolder.write(dir, force: true) { try AtomicFile.write("2", to: $0.appendingPathComponent("timeseries.csv")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["timeseries.csv"])
        #expect(throws: AtomicFolder.FolderError.notEmpty(dir.path)) { try AtomicFolder.check(dir, force: false) }
    }
}
