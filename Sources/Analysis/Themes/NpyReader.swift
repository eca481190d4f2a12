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
        let fields = try dictionary(header, fail)
        guard Set(fields.keys) == ["descr", "fortran_order", "shape"] else {
            throw fail("expected the header keys descr, fortran_order and shape, got \(fields.keys.sorted().joined(separator: ", "))")
        }
        let descr = fields["descr"]!
        let isF8 = ["'<f8'", "'float64'"].contains(descr), isF4 = ["'<f4'", "'float32'"].contains(descr)
        guard isF8 || isF4 else { throw fail("expected float32 or float64 little-endian data ('<f4' or '<f8'), got descr \(descr)") }
        guard fields["fortran_order"] == "False" else { throw fail("expected C order (fortran_order False)") }
        let shape = fields["shape"]!
        guard shape.hasPrefix("("), shape.hasSuffix(")") else { throw fail("shape \(shape) is not a tuple") }
        let parts = shape.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let dims = parts.compactMap { Int($0) }
        guard dims.count == 2, parts.count == 2 else { throw fail("expected a 2-D array (rows × dimensions), got shape \(shape)") }
        guard dims.allSatisfy({ $0 >= 0 }) else { throw fail("shape \(shape) has a negative dimension") }
        let rows = dims[0], columns = dims[1], width = isF8 ? 8 : 4
        let (cells, o1) = rows.multipliedReportingOverflow(by: columns)
        let (size, o2) = cells.multipliedReportingOverflow(by: width)
        let body = start + headerLength
        guard !o1, !o2, bytes.count - body == size else {
            throw fail("shape \(shape) needs \(o1 || o2 ? "more bytes than any file holds" : "\(size) bytes of data"), found \(bytes.count - body)")
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
        if let bad = m.elements.firstIndex(where: { !$0.isFinite }) {
            throw fail("row \(bad / max(1, columns)), dimension \(bad % max(1, columns)) is \(m.elements[bad]): every value must be a finite number")
        }
        return m
    }

    /// The header's Python dict literal (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`)
    /// as key → value text; a key given twice is an error (it would make the data ambiguous).
    static func dictionary(_ header: String, _ fail: (String) -> NpyError) throws -> [String: String] {
        var text = Substring(header.trimmingCharacters(in: .whitespacesAndNewlines))
        guard text.hasPrefix("{"), text.hasSuffix("}") else { throw fail("the header is not a dict literal") }
        text = text.dropFirst().dropLast()
        var fields: [String: String] = [:]
        while true {
            text = text.drop { $0 == " " || $0 == "," }
            guard let quote = text.first else { break }
            guard quote == "'" || quote == "\"", let close = text.dropFirst().firstIndex(of: quote) else { throw fail("a header key is not quoted") }
            let key = String(text[text.index(after: text.startIndex)..<close])
            text = text[text.index(after: close)...].drop { $0 == " " }
            guard text.first == ":" else { throw fail("no value for the header key \(key)") }
            text = text.dropFirst().drop { $0 == " " }
            let end: Substring.Index
            switch text.first {
            case "("?: guard let c = text.firstIndex(of: ")") else { throw fail("unclosed shape tuple") }; end = text.index(after: c)
            case let q? where q == "'" || q == "\"":
                guard let c = text.dropFirst().firstIndex(of: q) else { throw fail("unclosed text for \(key)") }; end = text.index(after: c)
            default: end = text.firstIndex(of: ",") ?? text.endIndex
            }
            guard fields.updateValue(String(text[..<end]).trimmingCharacters(in: .whitespaces), forKey: key) == nil else {
                throw fail("the header gives \(key) twice")
            }
            text = text[end...]
        }
        return fields
    }
}
