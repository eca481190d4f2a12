import Foundation

/// Reads a delimited text table (CSV, TSV or whitespace-separated) from bytes, record by record.
///
/// Reads UTF-8, and UTF-16 or Windows-1252 as spreadsheets save them (`TextEncoding`), with CRLF and LF line ends, RFC 4180 quoting (delimiters, doubled
/// quotes and line breaks inside quotes), blank lines (skipped) and, optionally, `#` or `%` comment
/// lines. Fields are byte ranges into the buffer, decoded only when asked for, so numeric tables
/// parse without building strings. Invalid UTF-8 in a decoded field is an error naming its line.
public struct DelimitedReader: Sendable {
    public let file: String
    public let format: DelimitedFormat
    public let commentPrefixes: [UInt8]
    /// The encoding the file was read in (UTF-8 unless a spreadsheet saved it otherwise).
    public let encoding: TextEncoding
    private let bytes: [UInt8]

    /// A reader over a file's bytes. Without a format: `.csv` is CSV, `.tsv`/`.tab` TSV, anything else
    /// is sniffed from the first line (a tab, else a comma, else whitespace).
    public init(contentsOf url: URL, format: DelimitedFormat? = nil, commentPrefixes: [UInt8] = []) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TableError(file: url.path, line: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
        try self.init(bytes: [UInt8](data), file: url.path, format: format, commentPrefixes: commentPrefixes)
    }

    public init(bytes: [UInt8], file: String, format: DelimitedFormat? = nil, commentPrefixes: [UInt8] = []) throws {
        let (body, encoding) = try TextEncoding.decode(bytes, file: file)
        self.bytes = body
        self.encoding = encoding
        self.file = file
        self.commentPrefixes = commentPrefixes
        let suffix = file.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if let format {
            self.format = format
        } else if suffix == "csv" {
            self.format = .csv
        } else if suffix == "tsv" || suffix == "tab" {
            self.format = .tsv
        } else {
            let end = body.firstIndex(of: UInt8(ascii: "\n")) ?? body.count
            self.format = DelimitedFormat.sniff(body[0..<end])
        }
    }

    /// One record: its fields as byte ranges, the line it starts on, and whether any field was quoted.
    public struct Record {
        public let line: Int
        @usableFromInline let source: UnsafeBufferPointer<UInt8>
        /// Views of the reader's reusable field arrays: valid only during the `forEachRecord`
        /// callback (as `source` is), which spares a retain and release of each per record.
        @usableFromInline let ranges: UnsafeBufferPointer<Range<Int>>
        @usableFromInline let quoted: UnsafeBufferPointer<Bool>
        let file: String

        public var count: Int { ranges.count }

        /// Field i as a string (quotes removed, doubled quotes undone), or an error naming the line.
        public func string(_ i: Int) throws -> String {
            guard i < ranges.count else {
                throw TableError(file: file, line: line, message: "this row has \(ranges.count) fields, expected at least \(i + 1)")
            }
            let slice = UnsafeBufferPointer(rebasing: source[ranges[i]])
            // ASCII needs no validation, and String(decoding:) of it is exact and fast.
            var ascii = true
            for byte in slice where byte >= 0x80 { ascii = false; break }
            if ascii {
                let text = String(decoding: slice, as: UTF8.self)
                return quoted[i] ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
            }
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw TableError(file: file, line: line, column: i + 1, message: "field \(i + 1) is not valid UTF-8 (the file starts with a UTF-8 byte-order mark); \(TextEncoding.resaveHint)")
            }
            return quoted[i] ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
        }

        /// Field i parsed as a decimal integer, or nil when it is not one (or the row is shorter).
        public func integer(_ i: Int) -> Int? {
            guard i < ranges.count else { return nil }
            let r = ranges[i]
            if r.isEmpty || quoted[i] { return quoted[i] ? (try? string(i)).flatMap { Int($0) } : nil }
            var value = 0, p = r.lowerBound, negative = false
            if source[p] == UInt8(ascii: "-") || source[p] == UInt8(ascii: "+") {
                negative = source[p] == UInt8(ascii: "-")
                p += 1
                if p == r.upperBound { return nil }
            }
            while p < r.upperBound {
                let d = Int(source[p]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { return nil }
                value = s
                p += 1
            }
            return negative ? -value : value
        }

        /// Field i as a non-negative integer written canonically (digits only, no sign, no leading
        /// zero), so that `String(value)` gives back the exact text: such labels can be stored as
        /// numbers without changing what the user wrote.
        public func canonicalNonNegativeInteger(_ i: Int) -> Int? {
            guard i < ranges.count else { return nil }
            let r = ranges[i]
            guard !r.isEmpty, !quoted[i], r.count <= 18 else { return nil }
            if source[r.lowerBound] == UInt8(ascii: "0") && r.count > 1 { return nil }
            var value = 0
            for p in r {
                let d = Int(source[p]) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value &* 10 &+ d
            }
            return value
        }

        /// Field i parsed as a floating-point number (decimal or scientific), or nil.
        public func double(_ i: Int) -> Double? {
            if let n = integer(i) { return Double(n) }
            guard let text = try? string(i) else { return nil }
            return Double(text.trimmingCharacters(in: .whitespaces))
        }

        /// True when field i is empty.
        public func isEmpty(_ i: Int) -> Bool { i >= ranges.count || ranges[i].isEmpty }
    }

    /// Calls `body` with each non-blank, non-comment record in order. Errors from `body` propagate.
    public func forEachRecord(_ body: (Record) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var position = 0, line = 1
            let n = buffer.count
            // Field boundaries of the current record, reused from record to record (reset by count).
            var ranges = [Range<Int>](repeating: 0..<0, count: 16)
            var quoted = [Bool](repeating: false, count: 16)
            var fieldCount = 0
            func add(_ range: Range<Int>, _ isQuoted: Bool) {
                if fieldCount == ranges.count {
                    ranges.append(range)
                    quoted.append(isQuoted)
                } else {
                    ranges[fieldCount] = range
                    quoted[fieldCount] = isQuoted
                }
                fieldCount += 1
            }
            while position < n {
                let startLine = line
                fieldCount = 0
                // Comment line?
                if !commentPrefixes.isEmpty, commentPrefixes.contains(buffer[position]) {
                    while position < n && buffer[position] != UInt8(ascii: "\n") { position += 1 }
                    position += 1
                    line += 1
                    continue
                }
                switch format {
                case .whitespace:
                    while position < n && buffer[position] != UInt8(ascii: "\n") {
                        let c = buffer[position]
                        if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                            position += 1
                            continue
                        }
                        let start = position
                        while position < n {
                            let d = buffer[position]
                            if d == UInt8(ascii: " ") || d == UInt8(ascii: "\t") || d == UInt8(ascii: "\r") || d == UInt8(ascii: "\n") { break }
                            position += 1
                        }
                        add(start..<position, false)
                    }
                    position += 1
                    line += 1
                case let .delimited(delimiter):
                    var atRecordEnd = false
                    var fieldStart = true
                    while !atRecordEnd {
                        if position >= n {
                            if !fieldStart || fieldCount > 0 { add(position..<position, false) }
                            break
                        }
                        if buffer[position] == UInt8(ascii: "\"") {
                            // Quoted field: runs to the closing quote not followed by another quote.
                            let quoteLine = line
                            position += 1
                            let start = position
                            var closed = false
                            while position < n {
                                let c = buffer[position]
                                if c == UInt8(ascii: "\"") {
                                    if position + 1 < n && buffer[position + 1] == UInt8(ascii: "\"") {
                                        position += 2
                                        continue
                                    }
                                    closed = true
                                    break
                                }
                                if c == UInt8(ascii: "\n") { line += 1 }
                                position += 1
                            }
                            guard closed else {
                                throw TableError(file: file, line: quoteLine, column: fieldCount + 1,
                                                 message: "a quoted field is never closed (expected a closing \")")
                            }
                            add(start..<position, true)
                            position += 1  // past the closing quote
                            // After a quoted field: delimiter, line end or end of input.
                            if position < n && buffer[position] == UInt8(ascii: "\r") { position += 1 }
                            if position >= n { atRecordEnd = true; continue }
                            let c = buffer[position]
                            if c == delimiter { position += 1; fieldStart = true; continue }
                            if c == UInt8(ascii: "\n") { position += 1; line += 1; atRecordEnd = true; continue }
                            throw TableError(file: file, line: line, column: fieldCount,
                                             message: "unexpected character after a closing quote (expected a delimiter or a line end)")
                        }
                        let start = position
                        while position < n {
                            let c = buffer[position]
                            if c == delimiter || c == UInt8(ascii: "\n") { break }
                            position += 1
                        }
                        var end = position
                        if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                        add(start..<end, false)
                        if position >= n { atRecordEnd = true; continue }
                        if buffer[position] == delimiter { position += 1; fieldStart = true; continue }
                        position += 1
                        line += 1
                        atRecordEnd = true
                    }
                }
                // Blank lines (one empty field, or none) are skipped.
                if fieldCount == 0 || (fieldCount == 1 && ranges[0].isEmpty && !quoted[0]) { continue }
                let count = fieldCount
                try ranges.withUnsafeBufferPointer { fields in
                    try quoted.withUnsafeBufferPointer { quotes in
                        try body(Record(line: startLine, source: buffer, ranges: UnsafeBufferPointer(rebasing: fields[0..<count]),
                                        quoted: UnsafeBufferPointer(rebasing: quotes[0..<count]), file: file))
                    }
                }
            }
        }
    }

    /// All records as strings: for small tables and tests.
    public func allRows() throws -> [[String]] {
        var rows: [[String]] = []
        try forEachRecord { record in rows.append(try (0..<record.count).map { try record.string($0) }) }
        return rows
    }
}
