/// A family of facts a control may need; used to say precisely what could not be seen.
public enum FactKind: String, Codable, Sendable, CaseIterable {
    case environments, optionSettings, environmentResources
    case autoScalingGroups, launchTemplates, launchConfigurations, instances, ebsDefaults
    case vpcs, subnets, routeTables, securityGroups, vpcEndpoints, loadBalancers, listeners, listenerRules
    case loadBalancerAttributes, webACLs
    case iamRoles, iamPolicies, instanceProfiles, iamUsers
    case bucketEncryption, bucketPublicAccessBlock, accountPublicAccessBlock
    case databases, dbParameters, kmsKeyRotation
    case trails, trailStatus, alarms, logGroups, configRecorders, cloudTrailEvents, platforms
    case artifacts
}

/// Something a source could not see: the operation, the resource it concerned and why.
///
/// Controls turn a gap into a `not-assessed` reason such as `iam:GetRolePolicy denied`.
public struct CollectionGap: Codable, Sendable, Hashable {
    public enum Reason: String, Codable, Sendable {
        /// The API refused the call (AccessDenied, UnauthorizedOperation).
        case accessDenied = "access-denied"
        /// Throttled past the retry budget.
        case throttled
        /// Any other API or network error.
        case error
        /// The source does not carry this fact (e.g. no export file for it).
        case notProvided = "not-provided"
    }

    public var fact: FactKind
    /// The API operation (`iam:GetRolePolicy`) or export command that would provide the fact.
    public var operation: String
    /// The resource concerned, or `nil` when the whole fact family is missing.
    public var resource: String?
    public var reason: Reason
    public var message: String?

    public init(fact: FactKind, operation: String, resource: String? = nil, reason: Reason, message: String? = nil) {
        self.fact = fact
        self.operation = operation
        self.resource = resource
        self.reason = reason
        self.message = message
    }

    /// One line for a `not-assessed` finding: `iam:GetRolePolicy denied (role app-role)`.
    public var summary: String {
        var text: String
        switch reason {
        case .accessDenied: text = "\(operation) denied"
        case .throttled: text = "\(operation) throttled"
        case .error: text = "\(operation) failed"
        case .notProvided: text = "no \(operation) data"
        }
        if let resource { text += " (\(resource))" }
        if let message, !message.isEmpty { text += ": \(message)" }
        return text
    }
}

/// An input that could not be read: a malformed or unrecognised file, a refused archive entry.
public struct InputProblem: Codable, Sendable, Hashable, Error {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }
}
