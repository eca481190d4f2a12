import Tables

/// Escaping for untrusted text in HTML: every comment, label and attribute value from an event or
/// a network file goes through here, so `<script>` or `"><img onerror=…>` shows as text.
public enum HTML {
    public static func escape(_ s: String) -> String { MarkupText.escape(s) }
}
