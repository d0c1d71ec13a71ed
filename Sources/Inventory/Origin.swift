/// Where a fact came from, so a finding can point at an API field or at a line in a file.
///
/// Live audits record the API operation (`elasticbeanstalk:DescribeConfigurationSettings`);
/// AWS CLI exports record the export file; IaC sources record file, line and column.
///
/// Held as one reference to shared storage: every option setting and every inventory item carries
/// an origin, almost always one of a handful shared by thousands of facts, so a copy is one retain
/// of eight bytes where four inline fields were sixty-five bytes and two retains. Setting a
/// property copies the storage first when it is shared (copy on write), so an origin behaves as a
/// plain value; equality, hashing and the `Codable` form are those of the four properties.
public struct Origin: Codable, Sendable, Hashable {
    /// The four properties. Mutated only while uniquely referenced (see `unique()`), so sharing
    /// it between threads is safe.
    private final class Storage: @unchecked Sendable {
        var api: String?
        var file: String?
        var line: Int?
        var column: Int?

        init(api: String?, file: String?, line: Int?, column: Int?) {
            self.api = api
            self.file = file
            self.line = line
            self.column = column
        }

        func copy() -> Storage { Storage(api: api, file: file, line: line, column: column) }
    }

    private var storage: Storage

    /// The storage, copied first when another origin shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The API operation, as `service:Operation`, when the fact came from an API response.
    public var api: String? {
        get { storage.api }
        set { unique().api = newValue }
    }

    /// The file the fact was read from, as the user gave its path.
    public var file: String? {
        get { storage.file }
        set { unique().file = newValue }
    }

    /// 1-based line in `file`.
    public var line: Int? {
        get { storage.line }
        set { unique().line = newValue }
    }

    /// 1-based column in `file`.
    public var column: Int? {
        get { storage.column }
        set { unique().column = newValue }
    }

    public init(api: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        storage = Storage(api: api, file: file, line: line, column: column)
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

    // The form a struct of the four properties would have: absent properties are left out.
    private enum CodingKeys: String, CodingKey { case api, file, line, column }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(api: try container.decodeIfPresent(String.self, forKey: .api),
                  file: try container.decodeIfPresent(String.self, forKey: .file),
                  line: try container.decodeIfPresent(Int.self, forKey: .line),
                  column: try container.decodeIfPresent(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(api, forKey: .api)
        try container.encodeIfPresent(file, forKey: .file)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encodeIfPresent(column, forKey: .column)
    }

    public static func == (lhs: Origin, rhs: Origin) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.storage.api == rhs.storage.api && lhs.storage.file == rhs.storage.file
                && lhs.storage.line == rhs.storage.line && lhs.storage.column == rhs.storage.column)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.api)
        hasher.combine(storage.file)
        hasher.combine(storage.line)
        hasher.combine(storage.column)
    }
}

extension Origin: CustomReflectable {
    /// The four properties, as a struct holding them would show (`dump`, string interpolation).
    public var customMirror: Mirror {
        Mirror(self, children: ["api": api as Any, "file": file as Any, "line": line as Any, "column": column as Any], displayStyle: .struct)
    }
}
