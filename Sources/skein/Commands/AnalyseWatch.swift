import Analysis
import ArgumentParser
import Encoders
import Foundation
import NumericCore
import Outputs
import Reports
import Synchronization
import Tables

/// `skein analyse FILE --out DIR --watch`: the analysis kept up to date while FILE grows.
extension Analyse {
    /// SIGUSR1 asks for a refit at the next look; the handler only sets the flag.
    static let refitRequested = Atomic<Bool>(false)

    func runWatch() throws {
        let dir = URL(fileURLWithPath: out)
        try AtomicFolder.check(dir, force: force)
        let curationEdits = try loadEdits()
        let redactor = try makeRedactor()
        let finder = try makeFinder()
        let namesFile = names.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Analyse.refitRequested.store(true, ordering: .sequentiallyConsistent) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGUSR1, &action, nil)
        TerminationSignal.unblock([SIGUSR1])
        let stop = TerminationSignal(grace: 30) { number in "skein analyse --watch: \(TerminationSignal.name(number)): stopped while writing; every file in \(dir.path) is whole" }

        var choice: TextEmbedding?
        var live: LiveThemes?
        var counts: [Redactor.Kind: Int] = [:]
        var redacted: [String] = []
        var problem: String?
        var lastSize: Int64?
        say("watching \(file) (Ctrl-C to stop); outputs in \(dir.path)/")
        while !stop.requested {
            let loopStart = DispatchTime.now().uptimeNanoseconds
            do {
                // A file the same size as at the last look holds nothing new: not read again.
                let attributes = try? FileManager.default.attributesOfItem(atPath: file)
                let stamp = (attributes?[.size] as? NSNumber)?.int64Value
                if let stamp, stamp == lastSize, !Analyse.refitRequested.load(ordering: .sequentiallyConsistent) {
                    Thread.sleep(forTimeInterval: interval)
                    continue
                }
                lastSize = stamp
                guard var table = try ResponseTable.readGrowing(file, textColumn: textColumn, idColumn: idColumn, by: columns) else {
                    if problem == nil { problem = "waiting for \(file) to appear"; say(problem!) }
                    Thread.sleep(forTimeInterval: interval)
                    continue
                }
                problem = nil
                let refitAsked = Analyse.refitRequested.exchange(false, ordering: .sequentiallyConsistent)
                let held = live?.table.texts.count ?? 0
                guard table.texts.count >= held else {
                    throw TableError(file: file, line: 0, message: "the file has fewer rows (\(table.texts.count)) than already read (\(held)): watch a file that only grows, or start again")
                }
                guard table.texts.count > held || (refitAsked && live != nil) else {
                    Thread.sleep(forTimeInterval: interval)
                    continue
                }
                // Rows already read keep their redacted text; only the new ones are redacted.
                for text in table.texts[redacted.count...] { redacted.append(redactor.map { $0.redact(text, counts: &counts) } ?? text) }
                table.texts = redacted
                let words: String
                if var current = live {
                    let due = refitAsked || (refitThreshold(current.fittedRows) > 0 && table.texts.count - current.fittedRows >= refitThreshold(current.fittedRows))
                    if due {
                        let record = try compute.run { try current.refit(table, redact: redact, namesFile: namesFile) }
                        words = "refit \(record?.number ?? 0) on \(table.texts.count) rows: " + describe(record)
                    } else {
                        try compute.run { try current.add(table) }
                        words = "\(table.texts.count - held) new row\(table.texts.count - held == 1 ? "" : "s") placed"
                    }
                    live = current
                } else {
                    guard table.texts.filter({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }).count >= 3 else {
                        Thread.sleep(forTimeInterval: interval)
                        continue
                    }
                    let picked = try choice ?? TextEmbedding.resolve(embed, responses: max(table.texts.count, 1))
                    choice = picked
                    var fresh = LiveThemes(finder: finder, embedding: picked.name, edits: curationEdits, by: byUser, at: editsTime,
                                           analyse: { texts in
                                               let encoded = try encode(texts, picked)
                                               let result = try analyse(ResponseTable(texts: texts, ids: texts.indices.map(String.init)), finder: finder,
                                                                        embedded: encoded?.matrix, vectors: nil)
                                               return (result, encoded?.matrix)
                                           },
                                           embed: { texts in try encode(texts, picked)?.matrix })
                    _ = try compute.run { try fresh.refit(table, redact: redact, namesFile: namesFile) }
                    live = fresh
                    words = "fitted on \(table.texts.count) rows: \(fresh.result?.themes.count ?? 0) themes"
                }
                try write(live!, choice: choice!, redactions: redactor == nil ? nil : counts, to: dir)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - loopStart) / 1e6
                if output.json {
                    try OutputOptions.printJSON(["rows": table.texts.count, "themes": live?.result?.themes.count ?? 0, "refits": live?.refits.count ?? 0,
                                                 "event": words, "milliseconds": ms])
                    fflush(nil)
                } else {
                    say(words + String(format: " (%.0f ms)", ms))
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                // A file caught mid-write reads as malformed: said once, tried again at the next look.
                lastSize = nil
                let text = "\(error)"
                if text != problem { say("not updated: \(text) (trying again)"); problem = text }
                Thread.sleep(forTimeInterval: max(interval, 0.5))
            }
        }
        say("stopped watching \(file): \(live?.table.texts.count ?? 0) rows, \(live?.refits.count ?? 0) refits; outputs in \(dir.path)/")
    }

    /// Rows since the last fit that bring a refit (0: never).
    func refitThreshold(_ fitted: Int) -> Int { refitAfter ?? max(50, fitted) }

    func describe(_ r: ThemeIdentity.Refit?) -> String {
        guard let r else { return "" }
        var parts = ["\(r.kept.count) themes kept their ids"]
        if !r.new.isEmpty { parts.append("new \(r.new.map(String.init).joined(separator: ", "))") }
        if !r.retired.isEmpty { parts.append("retired \(r.retired.map(String.init).joined(separator: ", "))") }
        for s in r.splits { parts.append("\(s.id) split into \(s.into.map(String.init).joined(separator: "+"))") }
        for m in r.merges { parts.append("\(m.from.map(String.init).joined(separator: "+")) merged into \(m.id)") }
        return parts.joined(separator: "; ")
    }

    func say(_ line: String) {
        if output.json { return }
        print(line)
        fflush(nil)
    }

    /// Every output of the live analysis, each file replaced atomically (the report last), so a
    /// browser or a script reading the folder at any moment finds whole files.
    func write(_ live: LiveThemes, choice: TextEmbedding, redactions: [Redactor.Kind: Int]?, to dir: URL) throws {
        guard let result = live.result, let fit = live.fit else { return }
        func files(_ target: URL) throws {
            _ = try ThemeWriter.write(result, table: live.table, to: target, command: reproducingArguments(choice), redactions: redactions,
                                      curation: edits == nil ? nil : live.curation, notes: notes(live))
            try fit.write(centres: live.centres, to: target)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(live.refits), to: target.appendingPathComponent(AnalysisFolder.File.refits))
            try AtomicFile.write(try AnalysisReport.html(directory: target), to: target.appendingPathComponent(AnalysisFolder.File.report))
        }
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent(AnalysisFolder.File.themes).path) {
            try files(dir)
        } else {
            // The first write makes the whole folder at once.
            try AtomicFolder.write(dir, force: force) { staging in try files(staging) }
        }
    }

    /// The live state in words, for summary.md.
    func notes(_ live: LiveThemes) -> [String] {
        var lines = ["Watching \(file): \(live.table.texts.count) rows so far; fitted on \(live.fittedRows), \(live.sinceFit) placed since "
                     + "(in the themes as fitted, quotes and labels from the fit); \(live.refits.count) refit\(live.refits.count == 1 ? "" : "s")."]
        if let last = live.refits.last { lines.append("Last refit: \(describe(last)) (refits.json has every one).") }
        return lines
    }
}
