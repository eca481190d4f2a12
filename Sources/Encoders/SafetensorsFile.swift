import Foundation

/// A `.safetensors` file (Hugging Face's weight format): an 8-byte little-endian header length, a
/// JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
/// Read directly, so no Python or hub is needed at run time; every offset is checked against the
/// file before anything is read.
public struct SafetensorsFile {
    public struct Entry: Equatable, Sendable {
        public var dtype: String
        public var shape: [Int]
        public var range: Range<Int>
    }

    public let path: String
    public let entries: [String: Entry]
    private let data: Data
    private let dataStart: Int

    /// Headers beyond this are refused: real ones are kilobytes, and the length is untrusted.
    static let headerLimit = 100 << 20

    public init(url: URL) throws {
        path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw EncoderError.missing(path: path, hint: "Install the model with `skein models install`.")
        }
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw EncoderError.malformedWeights(path: path, why: "cannot be read (\(error.localizedDescription))")
        }
        guard data.count >= 8 else { throw EncoderError.malformedWeights(path: path, why: "shorter than its 8-byte header length") }
        let length = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(Self.headerLimit), Int(length) <= data.count - 8 else {
            throw EncoderError.malformedWeights(path: path, why: "header length \(length) exceeds the file (\(data.count) bytes)")
        }
        let headerData = data.subdata(in: 8..<(8 + Int(length)))
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw EncoderError.malformedWeights(path: path, why: "the header is not a JSON object")
        }
        let start = 8 + Int(length)
        var entries: [String: Entry] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
            else { throw EncoderError.malformedWeights(path: path, why: "tensor \(name) lacks dtype, shape or data_offsets") }
            let (lower, upper) = (offsets[0], offsets[1])
            guard lower >= 0, lower <= upper, upper <= data.count - start, shape.allSatisfy({ $0 >= 0 }) else {
                throw EncoderError.malformedWeights(path: path, why: "tensor \(name) lies outside the data (\(offsets))")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, range: lower..<upper)
        }
        self.entries = entries
        self.data = data
        self.dataStart = start
    }

    /// A float32 tensor's values in row-major order, checked against `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let entry = entries[name] else { throw EncoderError.tensor(name: name, path: path, why: "absent") }
        guard entry.dtype == "F32" else { throw EncoderError.tensor(name: name, path: path, why: "dtype \(entry.dtype), expected F32") }
        guard entry.shape == shape else {
            throw EncoderError.tensor(name: name, path: path, why: "shape \(entry.shape), expected \(shape)")
        }
        var (count, overflow) = (1, false)
        for d in shape { (count, overflow) = count.multipliedReportingOverflow(by: d); if overflow { break } }
        guard !overflow, count.multipliedReportingOverflow(by: 4) == (entry.range.count, false) else {
            throw EncoderError.tensor(name: name, path: path, why: "\(entry.range.count) bytes for shape \(shape)")
        }
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { raw in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(dataStart + entry.range.lowerBound)..<(dataStart + entry.range.upperBound)]))
            }
        }
        #if _endian(big)
        for i in values.indices { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
        #endif
        return values
    }
}
