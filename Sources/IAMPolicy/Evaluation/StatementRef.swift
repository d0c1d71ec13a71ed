/// Points at one statement of one policy: the evidence every finding carries.
public struct StatementRef: Sendable, Hashable, CustomStringConvertible {
    /// The policy's name (inline policy name, or managed policy name).
    public var policyName: String
    /// The policy ARN for managed policies.
    public var policyArn: String?
    /// Zero-based position of the statement in the document.
    public var index: Int
    public var sid: String?
    /// Which layer of the evaluation the policy belongs to.
    public var layer: PolicyLayer

    public init(policyName: String, policyArn: String? = nil, index: Int, sid: String?, layer: PolicyLayer = .identity) {
        self.policyName = policyName
        self.policyArn = policyArn
        self.index = index
        self.sid = sid
        self.layer = layer
    }

    /// `AdministratorAccess Statement[0]` or `app-inline Statement[2] (Sid "S3All")`.
    public var description: String {
        var text = "\(policyName) Statement[\(index)]"
        if let sid, !sid.isEmpty { text += " (Sid \"\(sid)\")" }
        if layer != .identity { text += " [\(layer.rawValue)]" }
        return text
    }
}

/// The policy layers IAM intersects.
public enum PolicyLayer: String, Sendable, Hashable {
    case identity = "identity policy"
    case permissionsBoundary = "permissions boundary"
    case serviceControlPolicy = "service control policy"
    case resource = "resource policy"
}
