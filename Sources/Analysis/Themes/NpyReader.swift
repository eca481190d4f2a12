import Foundation
import NumericCore

/// Reads a 2-D NumPy `.npy` array of float32 or float64 in C order (little-endian), for
/// `--vectors`: sentence embeddings from any model replace TF-IDF and SVD.
public enum NpyReader {
    public struct NpyError: Error, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
    }

    public static func read(_ url: URL) throws -> Matrix<Double> {
        let data = try Data(contentsOf: url)
        let bytes = [UInt8](data)
        func fail(_ m: String) -> NpyError { NpyError(file: url.path, message: m) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == [0x93] + Array("NUMPY".utf8) else { throw fail("not a NumPy .npy file (bad magic)") }
        let major = bytes[6]
        let headerLength: Int, start: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            start = 10
        } else {
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            start = 12
        }
        guard bytes.count >= start + headerLength, let header = String(bytes: bytes[start..<(start + headerLength)], encoding: .ascii) else {
            throw fail("truncated header")
        }
        let isF8 = header.contains("'<f8'") || header.contains("'float64'")
        let isF4 = header.contains("'<f4'") || header.contains("'float32'")
        guard isF8 || isF4 else { throw fail("expected float32 or float64 (little-endian) data; header: \(header.trimmingCharacters(in: .whitespacesAndNewlines))") }
        guard header.contains("'fortran_order': False") else { throw fail("expected C order (fortran_order False)") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else { throw fail("no shape in the header") }
        let dims = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 2 else { throw fail("expected a 2-D array (rows × dimensions), got shape (\(header[open.upperBound..<close]))") }
        let rows = dims[0], columns = dims[1], width = isF8 ? 8 : 4
        let body = start + headerLength
        guard bytes.count - body == rows * columns * width else {
            throw fail("expected \(rows * columns * width) bytes of data for shape (\(rows), \(columns)), found \(bytes.count - body)")
        }
        var m = Matrix<Double>(rows: rows, columns: columns)
        bytes.withUnsafeBytes { raw in
            m.withUnsafeMutableBufferPointer { out in
                for i in 0..<(rows * columns) {
                    let offset = body + i * width
                    if isF8 {
                        out[i] = Double(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
                    } else {
                        out[i] = Double(Float(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian))
                    }
                }
            }
        }
        return m
    }
}
