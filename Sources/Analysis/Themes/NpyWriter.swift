import Foundation

/// Writes a 2-D float32 NumPy `.npy` (format 1.0, C order, little-endian): embeddings for
/// `--vectors`, NumPy and every tool that reads NumPy.
public enum NpyWriter {
    public static func data(rows: Int, columns: Int, values: [Float]) -> Data {
        precondition(values.count == rows * columns, "npy: \(values.count) values for \(rows) × \(columns)")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBytes { raw in
            #if _endian(big)
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            #else
            data.append(contentsOf: raw)
            #endif
        }
        return data
    }
}
