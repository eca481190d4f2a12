import Foundation
@testable import Scenarios
import Simulation
import Testing
import TestSupport

/// Scenarios/scenario.schema.json (for editors: validation and completion) agrees with the files
/// and with the decoder: every example passes it, broken documents fail it.
@Suite("Scenario JSON Schema")
struct ScenarioSchemaTests {
    static let schemaURL = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/scenario.schema.json")
    static func validator() throws -> JSONSchemaValidator {
        JSONSchemaValidator(root: try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as! [String: Any])
    }

    @Test(arguments: ScenarioFileTests.files)
    func everyExamplePassesTheSchema(_ file: URL) throws {
        let doc = try ScenarioLoader.document(file.path)
        let problems = try Self.validator().validate(doc.jsonObject)
        #expect(problems.isEmpty, "\(file.lastPathComponent): \(problems)")
    }

    @Test func brokenDocumentsFailIt() throws {
        let v = try Self.validator()
        func problems(_ yaml: String) throws -> [String] { v.validate(try ScenarioValue.parse(yaml, file: "t.yaml").jsonObject) }
        #expect(try problems("network: {generate: ba}\nmodel: {type: bass, innovation: 0.1, imitation: 0.2}\n").isEmpty)
        #expect(try problems("network: {generate: ba}\nmodel: {type: bass, innovation: 0.1, imitaton: 0.2}\nhorizn: 3\n").count == 2)
        #expect(try problems("network: {generate: ba}\nmodel: {type: independent-cascade, p: 1.5}\n").count == 1)
        #expect(try !problems("network: {generate: ba}\nmodel: {type: linear-threshold, threshold: 0.3}\ninterventions: [{type: event, at: 2, participants: nobody}]\n").isEmpty)
        #expect(try !problems("network: {generate: ba, file: x.csv}\nmodel: {type: bass}\n").isEmpty)
    }

    @Test func theSchemaKnowsTheDecodersTopLevelKeys() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as! [String: Any]
        let keys = Set((schema["properties"] as! [String: Any]).keys)
        #expect(keys == Set(ScenarioDecoder.topKeys))
        let definitions = schema["definitions"] as! [String: Any]
        let models = (definitions["model"] as! [String: Any])["oneOf"] as! [[String: Any]]
        let names = models.map { (($0["properties"] as! [String: Any])["type"] as! [String: Any])["enum"] as! [String] }
        #expect(names.map { $0[0] } == ModelCatalog.names)
        let kinds = (definitions["intervention"] as! [String: Any])["oneOf"] as! [[String: Any]]
        #expect(kinds.map { ((($0["properties"] as! [String: Any])["type"] as! [String: Any])["enum"] as! [String])[0] }
                == InterventionCatalog.kinds)
    }

    @Test("the committed schema and README tables are what the model and intervention catalogs generate (run `make schema` after changing a model)")
    func generatedSectionsAreCurrent() throws {
        let schema = try Data(contentsOf: Self.schemaURL)
        #expect(try ScenarioSchema.regenerated(schema) == schema)
        let readmeURL = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        #expect(try ScenarioSchema.regenerated(readme: readme) == readme)
    }
}
