import Graphs

/// How a scenario's network file is read (`network: {file: …, format: …, nodes_sheet: …, survey: …}`).
public struct NetworkFileSettings: Sendable, Hashable {
    /// A `NetworkFormatCatalog` name; nil: from the file's extension and content.
    public var format: String?
    public var nodesSheet: String?
    public var edgesSheet: String?
    public var survey: SurveyOptions

    public init(format: String? = nil, nodesSheet: String? = nil, edgesSheet: String? = nil, survey: SurveyOptions = SurveyOptions()) {
        self.format = format
        self.nodesSheet = nodesSheet
        self.edgesSheet = edgesSheet
        self.survey = survey
    }
}
