/// Every model by name, for scenario files, `skein schema` and error messages. Adding a model is
/// its file (with its `CatalogModel` conformance), one line here and its test file.
public enum ModelCatalog {
    public static let all: [any CatalogModel.Type] = [
        IndependentCascade.self, LinearThreshold.self, ComplexContagion.self, BassDiffusion.self, AdoptionWithAbandonment.self,
        ContinuousTimeSIR.self, ContinuousTimeSIS.self, CommitmentDynamics.self, OpinionFormation.self,
    ]

    public static var names: [String] { all.map { $0.name } }

    public static func named(_ name: String) -> (any CatalogModel.Type)? { all.first { $0.name == name } }

    /// The models that take interventions needing `support` (for "use … instead" hints).
    public static func models(taking support: InterventionSupport) -> [String] {
        all.filter { $0.interventionSupport.isSuperset(of: support) }.map { $0.name }
    }
}
