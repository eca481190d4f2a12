import ArgumentParser
import Foundation
import Scenarios

/// `skein schema`: regenerates the catalog-made parts of the scenario JSON Schema and of
/// `Scenarios/README.md` (the model section and table), or checks that they are current.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the model sections of Scenarios/scenario.schema.json and Scenarios/README.md from the model catalog.",
        discussion: "With --check, changes nothing and exits 1 when a committed file differs from what the catalog generates."
    )

    @Option(help: "The folder holding scenario.schema.json and README.md.") var scenarios = "Scenarios"
    @Flag(help: "Only check that the files are current.") var check = false

    func run() throws {
        let folder = URL(fileURLWithPath: scenarios)
        let schemaURL = folder.appendingPathComponent("scenario.schema.json"), readmeURL = folder.appendingPathComponent("README.md")
        let schema = try Data(contentsOf: schemaURL), readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let newSchema = try ScenarioSchema.regenerated(schema), newReadme = try ScenarioSchema.regenerated(readme: readme)
        var stale: [String] = []
        if newSchema != schema { stale.append(schemaURL.path) }
        if newReadme != readme { stale.append(readmeURL.path) }
        if check {
            for path in stale { print("\(path): out of date; run `skein schema` (make schema)") }
            if !stale.isEmpty { throw ExitCode(1) }
            print("schema and README model table: current")
            return
        }
        if stale.contains(schemaURL.path) { try newSchema.write(to: schemaURL, options: .atomic) }
        if stale.contains(readmeURL.path) { try Data(newReadme.utf8).write(to: readmeURL, options: .atomic) }
        print(stale.isEmpty ? "schema and README model table: already current" : "wrote \(stale.joined(separator: ", "))")
    }
}
