import Foundation
import NumericCore
import Tables

/// Participants × statements of agree (+1) / disagree (−1) / pass (0) votes, absent (NaN when
/// read) where a participant did not see or vote on a statement. Sparse (`SparseVotes`): most
/// participants vote on a small share of the statements, and exports can be huge.
public struct VoteMatrix: Sendable {
    public var participants: [String]
    public var comments: [String]
    /// participants × comments; `votes[i, j]` is NaN where there is no vote.
    public var votes: SparseVotes
    /// Statement text by comment id (from comments.csv), when known.
    public var text: [String: String] = [:]
    /// Statements moderated out (excluded from the analysis).
    public var moderatedOut: Set<String> = []
    /// The grouping pol.is exported (participants-votes.csv `group-id`), when present: a reference.
    public var referenceGroups: [String: Int] = [:]

    public init(participants: [String], comments: [String], votes: SparseVotes) {
        self.participants = participants
        self.comments = comments
        self.votes = votes
    }

    /// From a dense matrix, NaN where there is no vote.
    public init(participants: [String], comments: [String], votes: Matrix<Double>) {
        self.init(participants: participants, comments: comments, votes: SparseVotes(votes))
    }

    /// Votes cast by participant i.
    public func voteCount(_ i: Int) -> Int { votes.row(i).count }

    /// Reads a pol.is export: a conversation folder (votes.csv or participants-votes.csv, plus
    /// comments.csv when there), a long votes file (comment-id, voter-id, vote), or a wide
    /// participant × statement file (participants-votes.csv, or a first column of participant ids
    /// followed by one column per statement).
    public static func read(_ path: String) throws -> VoteMatrix {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TableError(file: path, line: 0, message: "no such file or folder")
        }
        let folder = URL(fileURLWithPath: path)
        if isDirectory.boolValue {
            let long = folder.appendingPathComponent("votes.csv"), wide = folder.appendingPathComponent("participants-votes.csv")
            var matrix: VoteMatrix
            if FileManager.default.fileExists(atPath: long.path) {
                matrix = try readLong(long)
                if FileManager.default.fileExists(atPath: wide.path) { matrix.referenceGroups = try readWide(wide).referenceGroups }
            } else if FileManager.default.fileExists(atPath: wide.path) {
                matrix = try readWide(wide)
            } else {
                throw TableError(file: path, line: 0, message: "expected votes.csv or participants-votes.csv in this folder (a pol.is export)")
            }
            let comments = folder.appendingPathComponent("comments.csv")
            if FileManager.default.fileExists(atPath: comments.path) { try matrix.readComments(comments) }
            return matrix
        }
        let reader = try DelimitedReader(contentsOf: folder)
        var header: [String] = []
        try reader.forEachRecord { record in
            if header.isEmpty { header = try (0..<record.count).map { try record.string($0) } }
        }
        return header.contains("voter-id") ? try readLong(folder) : try readWide(folder)
    }

    /// comment-id, voter-id, vote (and a timestamp: a later vote replaces an earlier one).
    static func readLong(_ url: URL) throws -> VoteMatrix {
        let reader = try DelimitedReader(contentsOf: url)
        var columns: (comment: Int, voter: Int, vote: Int, time: Int?)?
        var participantIndex: [String: Int] = [:], commentIndex: [String: Int] = [:]
        var participants: [String] = [], comments: [String] = []
        var entries: [(p: Int, c: Int, vote: Double, time: Double)] = []
        try reader.forEachRecord { record in
            guard let cols = columns else {
                let names = try (0..<record.count).map { try record.string($0) }
                guard let c = names.firstIndex(of: "comment-id"), let v = names.firstIndex(of: "voter-id"), let x = names.firstIndex(of: "vote") else {
                    throw TableError(file: url.path, line: record.line, message: "expected the columns comment-id, voter-id and vote (a pol.is votes.csv); found \(names.joined(separator: ", "))")
                }
                columns = (c, v, x, names.firstIndex(of: "timestamp"))
                return
            }
            guard record.count > max(cols.comment, cols.voter, cols.vote) else {
                throw TableError(file: url.path, line: record.line, message: "expected \(max(cols.comment, cols.voter, cols.vote) + 1) fields, found \(record.count)")
            }
            let voter = try record.string(cols.voter), comment = try record.string(cols.comment)
            guard let vote = record.double(cols.vote), [-1, 0, 1].contains(vote) else {
                throw TableError(file: url.path, line: record.line, column: cols.vote + 1, message: "expected a vote of -1, 0 or 1, found \"\(try record.string(cols.vote))\"")
            }
            let p = participantIndex[voter] ?? { participants.append(voter); participantIndex[voter] = participants.count - 1; return participants.count - 1 }()
            let c = commentIndex[comment] ?? { comments.append(comment); commentIndex[comment] = comments.count - 1; return comments.count - 1 }()
            entries.append((p, c, vote, cols.time.flatMap { record.double($0) } ?? Double(entries.count)))
        }
        guard columns != nil else { throw TableError(file: url.path, line: 0, message: "the file is empty") }
        let order = Self.naturalOrder
        let pSorted = participants.indices.sorted { order(participants[$0], participants[$1]) }
        let cSorted = comments.indices.sorted { order(comments[$0], comments[$1]) }
        var pRank = [Int](repeating: 0, count: participants.count), cRank = [Int](repeating: 0, count: comments.count)
        for (r, i) in pSorted.enumerated() { pRank[i] = r }
        for (r, i) in cSorted.enumerated() { cRank[i] = r }
        // Later votes replace earlier ones: entries in time order (ties in file order), last wins.
        let byTime = entries.indices.sorted { (entries[$0].time, $0) < (entries[$1].time, $1) }
        let votes = SparseVotes(rows: participants.count, columns: comments.count,
                                entries: byTime.map { (pRank[entries[$0].p], cRank[entries[$0].c], Int8(entries[$0].vote)) })
        return VoteMatrix(participants: pSorted.map { participants[$0] }, comments: cSorted.map { comments[$0] }, votes: votes)
    }

    /// Ids that are numbers sort as numbers, then the rest as text.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }

    /// participants-votes.csv (participant, group-id, n-comments, n-votes, n-agree, n-disagree,
    /// then one column per comment id), or any table whose first column is the participant.
    static func readWide(_ url: URL) throws -> VoteMatrix {
        let reader = try DelimitedReader(contentsOf: url)
        var header: [String] = []
        var firstComment = 1, groupColumn: Int?
        var participants: [String] = [], entries: [(row: Int, column: Int, vote: Int8)] = [], groups: [String: Int] = [:]
        try reader.forEachRecord { record in
            if header.isEmpty {
                header = try (0..<record.count).map { try record.string($0) }
                groupColumn = header.firstIndex(of: "group-id")
                // pol.is puts its per-participant counts before the statement columns.
                let meta: Set<String> = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
                firstComment = header.firstIndex { !meta.contains($0) } ?? header.count
                if firstComment == 0 { firstComment = 1 }
                return
            }
            guard record.count == header.count else {
                throw TableError(file: url.path, line: record.line, message: "expected \(header.count) fields like the header, found \(record.count)")
            }
            let id = try record.string(0)
            for j in firstComment..<header.count where !record.isEmpty(j) {
                guard let v = record.double(j), [-1, 0, 1].contains(v) else {
                    throw TableError(file: url.path, line: record.line, column: j + 1, message: "expected a vote of -1, 0, 1 or nothing, found \"\(try record.string(j))\"")
                }
                entries.append((participants.count, j - firstComment, Int8(v)))
            }
            if let g = groupColumn, !record.isEmpty(g), let group = record.integer(g) { groups[id] = group }
            participants.append(id)
        }
        guard !header.isEmpty else { throw TableError(file: url.path, line: 0, message: "the file is empty") }
        let comments = Array(header[firstComment...])
        var matrix = VoteMatrix(participants: participants, comments: comments,
                                votes: SparseVotes(rows: participants.count, columns: comments.count, entries: entries))
        matrix.referenceGroups = groups
        return matrix
    }

    /// comments.csv: text and moderation (−1: moderated out) by comment-id.
    mutating func readComments(_ url: URL) throws {
        let reader = try DelimitedReader(contentsOf: url)
        var columns: (id: Int, body: Int?, moderated: Int?)?
        try reader.forEachRecord { record in
            guard let cols = columns else {
                let names = try (0..<record.count).map { try record.string($0) }
                guard let id = names.firstIndex(of: "comment-id") else {
                    throw TableError(file: url.path, line: record.line, message: "expected a comment-id column")
                }
                columns = (id, names.firstIndex(of: "comment-body"), names.firstIndex(of: "moderated"))
                return
            }
            let id = try record.string(cols.id)
            if let b = cols.body, b < record.count { text[id] = try record.string(b) }
            if let m = cols.moderated, m < record.count, record.integer(m) == -1 { moderatedOut.insert(id) }
        }
    }
}
