/// Where a fact came from, so a finding can point at an API field or at a line in a file.
///
/// Live audits record the API operation (`elasticbeanstalk:DescribeConfigurationSettings`);
/// AWS CLI exports record the export file; IaC sources record file, line and column.
public struct Origin: Codable, Sendable, Hashable {
    /// The API operation, as `service:Operation`, when the fact came from an API response.
    public var api: String?
    /// The file the fact was read from, as the user gave its path.
    public var file: String?
    /// 1-based line in `file`.
    public var line: Int?
    /// 1-based column in `file`.
    public var column: Int?

    public init(api: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.api = api
        self.file = file
        self.line = line
        self.column = column
    }

    /// A fact read from an API response.
    public static func api(_ operation: String) -> Origin { Origin(api: operation) }

    /// A fact read from a file, optionally at a position.
    public static func file(_ path: String, line: Int? = nil, column: Int? = nil) -> Origin {
        Origin(file: path, line: line, column: column)
    }

    /// Human-readable form: `template.yaml:12:5` or `iam:GetAccountAuthorizationDetails`.
    public var description: String {
        if let file {
            var text = file
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            if let api { text += " (\(api))" }
            return text
        }
        return api ?? "unknown source"
    }
}
