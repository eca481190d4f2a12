/// Untrusted text (responses, statements, group names) made safe for one line of Markdown: line
/// breaks become spaces and characters with Markdown or HTML meaning are escaped, so a comment
/// such as `<script>` or `[x](javascript:…)` reads as text.
public enum MarkdownText {
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") {
            if "\\`*_[]<>#|".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
