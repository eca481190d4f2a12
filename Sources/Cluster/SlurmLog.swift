import Foundation

/// A task's log as status shows it: the last lines only, read from its end.
public enum SlurmLog {
    /// The last `lines` lines of a log (reading at most its last 64 KiB); none when it is absent.
    public static func tail(_ url: URL, lines: Int) -> [String] {
        guard lines > 0, let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        return Array(text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).map(String.init))
    }
}
