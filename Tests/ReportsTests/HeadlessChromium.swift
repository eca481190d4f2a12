import Foundation
import Testing
import TestSupport

/// Renders a page in headless Chromium (Debian `chromium`): a PNG screenshot and the DOM after
/// rendering. nil, with a message, where Chromium is not installed (`make test` installs it).
enum HeadlessChromium {
    struct Rendering {
        var png: Data
        var dom: String
        var log: String
    }

    static var executable: URL? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:))
    }

    static func render(_ html: String, height: Int = 1600) throws -> Rendering? {
        guard let chromium = executable else {
            print("skipped: Chromium is not installed (make test installs it: scripts/install-system-deps.sh --tests)")
            return nil
        }
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html"), png = dir.appendingPathComponent("report.png")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=900,\(height)",
                     "--user-data-dir=\(dir.appendingPathComponent("profile").path)"]
        let shot = try CommandRunner.run(chromium, flags + ["--screenshot=\(png.path)", page.absoluteString])
        #expect(shot.status == 0, "\(shot.stderr)")
        let dom = try CommandRunner.run(chromium, flags + ["--dump-dom", page.absoluteString])
        return Rendering(png: (try? Data(contentsOf: png)) ?? Data(), dom: dom.stdout, log: shot.stderr + dom.stderr)
    }

    /// What every rendered report must show: a real PNG (not blank), SVG charts, no script errors or missing files.
    static func expectRendered(_ r: Rendering, svgs: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && r.png.count > 20_000, "PNG of \(r.png.count) bytes looks blank", sourceLocation: sourceLocation)
        #expect(r.dom.components(separatedBy: "<svg").count - 1 >= svgs, "fewer than \(svgs) charts in the DOM", sourceLocation: sourceLocation)
        #expect(!r.log.contains("Uncaught") && !r.log.contains("ERR_FILE_NOT_FOUND"), "\(r.log)", sourceLocation: sourceLocation)
    }
}
