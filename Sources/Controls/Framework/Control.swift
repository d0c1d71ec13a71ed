import Inventory

/// Where a control comes from: a seed document, an AWS doc page, a Security Hub or AWS Config id.
public struct Reference: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case seed, awsDoc = "aws-doc", securityHub = "security-hub", awsConfig = "aws-config"
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static func seed(_ file: String) -> Reference { Reference(.seed, file) }
    public static func doc(_ page: String) -> Reference { Reference(.awsDoc, page) }
    public static func securityHub(_ id: String) -> Reference { Reference(.securityHub, id) }
    public static func awsConfig(_ rule: String) -> Reference { Reference(.awsConfig, rule) }
}

/// One control of the catalog: its identity, its text, its fix, its examples and its evaluation.
///
/// Everything the product says about a control (the `controls` listing, `explain`, SARIF rules,
/// report text) is generated from this one declaration.
public struct Control: Sendable, Identifiable {
    public let id: String
    public let layer: Layer
    public let severity: Severity
    public let title: String
    public let rationale: String
    public let references: [Reference]
    public let remediation: Remediation
    /// Good and bad examples; the catalog test checks each gives its stated verdict.
    public let examples: [ControlExample]
    let evaluator: @Sendable (EnvironmentContext) -> [Outcome]

    public init(id: String, layer: Layer, severity: Severity, title: String, rationale: String, references: [Reference],
                remediation: Remediation, examples: [ControlExample], evaluate: @escaping @Sendable (EnvironmentContext) -> [Outcome]) {
        self.id = id
        self.layer = layer
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.references = references
        self.remediation = remediation
        self.examples = examples
        self.evaluator = evaluate
    }

    /// Evaluates the control for one environment.
    public func evaluate(_ context: EnvironmentContext) -> [Outcome] {
        evaluator(context)
    }
}

/// What an evaluation says, before it becomes a `Finding` (optional fields spelled out as in
/// `ResourceRef`, so that outcomes are built in place).
public struct Outcome: Sendable {
    public var verdict: Verdict
    public var evidence: [String]
    public var reason: Optional<String>
    /// The resource, when it is not the environment itself.
    public var resource: Optional<ResourceRef>
    /// Where the deciding fact came from.
    public var origin: Optional<Origin>
    /// A severity lower than the control's, where the control says so (e.g. info when restricted to a bastion).
    public var severity: Optional<Severity>

    public init(verdict: Verdict, evidence: [String] = [], reason: String? = nil, resource: ResourceRef? = nil,
                origin: Origin? = nil, severity: Severity? = nil) {
        self.verdict = verdict
        self.evidence = evidence
        self.reason = reason
        self.resource = resource
        self.origin = origin
        self.severity = severity
    }

    public static func pass(_ evidence: String..., resource: ResourceRef? = nil, origin: Origin? = nil) -> Outcome {
        Outcome(verdict: .pass, evidence: evidence, resource: resource, origin: origin)
    }

    public static func fail(_ evidence: [String], resource: ResourceRef? = nil, origin: Origin? = nil, severity: Severity? = nil) -> Outcome {
        Outcome(verdict: .fail, evidence: evidence, resource: resource, origin: origin, severity: severity)
    }

    public static func fail(_ evidence: String, resource: ResourceRef? = nil, origin: Origin? = nil, severity: Severity? = nil) -> Outcome {
        fail([evidence], resource: resource, origin: origin, severity: severity)
    }

    public static func notAssessed(_ reason: String, resource: ResourceRef? = nil) -> Outcome {
        Outcome(verdict: .notAssessed, reason: reason, resource: resource)
    }

    public static func notApplicable(_ reason: String, resource: ResourceRef? = nil) -> Outcome {
        Outcome(verdict: .notApplicable, reason: reason, resource: resource)
    }
}

/// A good or bad example: a change to the hardened example environment and the verdict it must give.
public struct ControlExample: Sendable {
    public let description: String
    public let expected: Verdict
    /// Changes the hardened example inventory (whose first environment is evaluated).
    public let change: @Sendable (inout ExampleInventory) -> Void
    /// Audit settings for the example, when it needs any beyond the defaults.
    public let settings: AuditSettings?

    public init(_ description: String, expected: Verdict, settings: AuditSettings? = nil, change: @escaping @Sendable (inout ExampleInventory) -> Void) {
        self.description = description
        self.expected = expected
        self.settings = settings
        self.change = change
    }

    public static func passes(_ description: String, settings: AuditSettings? = nil, _ change: @escaping @Sendable (inout ExampleInventory) -> Void = { _ in }) -> ControlExample {
        ControlExample(description, expected: .pass, settings: settings, change: change)
    }

    public static func fails(_ description: String, settings: AuditSettings? = nil, _ change: @escaping @Sendable (inout ExampleInventory) -> Void) -> ControlExample {
        ControlExample(description, expected: .fail, settings: settings, change: change)
    }

    public static func notAssessed(_ description: String, settings: AuditSettings? = nil, _ change: @escaping @Sendable (inout ExampleInventory) -> Void) -> ControlExample {
        ControlExample(description, expected: .notAssessed, settings: settings, change: change)
    }

    public static func notApplicable(_ description: String, settings: AuditSettings? = nil, _ change: @escaping @Sendable (inout ExampleInventory) -> Void = { _ in }) -> ControlExample {
        ControlExample(description, expected: .notApplicable, settings: settings, change: change)
    }
}
