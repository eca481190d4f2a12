import Foundation

/// Reading the JSON files a run or analysis folder holds (summary.json, manifest.json, themes.json):
/// a missing or unreadable file reads as empty, so a report shows what there is.
enum ResultFolder {
    static func json(_ url: URL) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }
}
