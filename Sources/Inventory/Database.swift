public struct Database: Codable, Sendable, Hashable {
    public var identifier: String
    public var arn: String?
    /// `mysql`, `postgres`, `mariadb`, `aurora-mysql`, …
    public var engine: String?
    public var endpointAddress: String?
    public var port: Int?
    public var publiclyAccessible: Bool?
    public var storageEncrypted: Bool?
    public var kmsKeyId: String?
    public var multiAZ: Bool?
    public var securityGroupIds: [String]?
    public var parameterGroupNames: [String]?
    public var subnetIds: [String]?
    public var tags: [String: String]
    public var origin: Origin?

    public init(identifier: String) {
        self.identifier = identifier
        tags = [:]
    }

    /// The port the engine listens on by default, when `port` is unknown.
    public var effectivePort: Int? {
        if let port { return port }
        let engine = engine?.lowercased() ?? ""
        if engine.contains("postgres") { return 5432 }
        if engine.contains("mysql") || engine.contains("mariadb") { return 3306 }
        if engine.contains("sqlserver") { return 1433 }
        if engine.contains("oracle") { return 1521 }
        return nil
    }
}

public struct DBParameterGroup: Codable, Sendable, Hashable {
    public var name: String
    /// Parameters by name, with their values (only those with a value are kept).
    public var parameters: [String: String]
    public var origin: Origin?

    public init(name: String, parameters: [String: String] = [:], origin: Origin? = nil) {
        self.name = name
        self.parameters = parameters
        self.origin = origin
    }
}

public struct KMSKey: Codable, Sendable, Hashable {
    /// Key id or ARN as referenced.
    public var id: String
    public var arn: String?
    /// `CUSTOMER` or `AWS`.
    public var manager: String?
    public var rotationEnabled: Bool?
    public var aliases: [String]
    public var origin: Origin?

    public init(id: String, arn: String? = nil, manager: String? = nil, rotationEnabled: Bool? = nil, aliases: [String] = [], origin: Origin? = nil) {
        self.id = id
        self.arn = arn
        self.manager = manager
        self.rotationEnabled = rotationEnabled
        self.aliases = aliases
        self.origin = origin
    }
}
