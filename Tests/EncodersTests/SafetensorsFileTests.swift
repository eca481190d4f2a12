import Encoders
import Foundation
import Testing
import TestSupport

/// Damaged weight files end in located errors, never a trap or a huge allocation.
@Suite("safetensors reader")
struct SafetensorsFileTests {
    static func file(header: String, body: [UInt8], length: UInt64? = nil) throws -> URL {
        let url = Fixtures.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString).safetensors")
        var data = Data()
        let n = length ?? UInt64(header.utf8.count)
        for i in 0..<8 { data.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
        data.append(contentsOf: Array(header.utf8))
        data.append(contentsOf: body)
        try data.write(to: url)
        return url
    }

    @Test func readsFloatTensors() throws {
        let values: [Float] = [1, -2.5, 3, 0.125]
        let body = values.withUnsafeBytes { Array($0) }
        let url = try Self.file(header: #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#, body: body)
        let file = try SafetensorsFile(url: url)
        #expect(try file.floats("w", shape: [2, 2]) == values)
        #expect(throws: EncoderError.self) { try file.floats("w", shape: [4]) }
        #expect(throws: EncoderError.self) { try file.floats("v", shape: [2, 2]) }
    }

    @Test func refusesAHeaderLongerThanTheFile() throws {
        let url = try Self.file(header: "{}", body: [], length: UInt64.max)
        #expect(throws: EncoderError.self) { try SafetensorsFile(url: url) }
    }

    @Test func refusesOffsetsOutsideTheData() throws {
        let url = try Self.file(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,1600]}}"#, body: [0, 0, 0, 0])
        #expect(throws: EncoderError.self) { try SafetensorsFile(url: url) }
    }

    @Test func refusesOtherDtypesAndInconsistentSizes() throws {
        let url = try Self.file(header: #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                                body: [0, 0, 0, 0, 0, 0, 0, 0])
        let file = try SafetensorsFile(url: url)
        #expect(throws: EncoderError.self) { try file.floats("a", shape: [2]) }
        #expect(throws: EncoderError.self) { try file.floats("b", shape: [3]) }
    }

    @Test func refusesAHeaderThatIsNotJSON() throws {
        let url = try Self.file(header: "not json", body: [])
        #expect(throws: EncoderError.self) { try SafetensorsFile(url: url) }
    }
}
