import Inventory

/// The answer a control gives for one resource.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case pass
    case fail
    /// The facts needed were missing or access was denied; the finding says which.
    case notAssessed = "not-assessed"
    case notApplicable = "not-applicable"
    /// A failing finding covered by an exception or an inline suppression; it stays visible.
    case suppressed
}

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The five defense-in-depth layers of CONTROLS.md.
public enum Layer: String, Codable, Sendable, CaseIterable {
    case identity, network, data, runtime, detection

    /// The heading CONTROLS.md uses for the layer.
    public var title: String {
        switch self {
        case .identity: "Layer 1 — Identity and control plane"
        case .network: "Layer 2 — Network perimeter"
        case .data: "Layer 3 — Transport and data protection"
        case .runtime: "Layer 4 — Compute and runtime hardening"
        case .detection: "Layer 5 — Detection, audit and compliance"
        }
    }
}

/// The resource a finding is about. `environment` names the Elastic Beanstalk environment for
/// every environment-scoped finding, so reports can group by it.
///
/// Its optional fields, like those of `Location`, `Finding` and `Outcome`, are spelled `Optional<…>`:
/// a `var x: T?` starts out as `nil`, so the initializer assigns over it, and the compiler then
/// builds each value aside and copies it (retaining each of its strings) instead of building it
/// in place. Half a million findings are built per audit of a large fleet.
public struct ResourceRef: Codable, Sendable, Hashable {
    /// CloudFormation-style type: `AWS::ElasticBeanstalk::Environment`, `AWS::EC2::SecurityGroup`, …
    public var type: String
    public var id: String
    public var name: Optional<String>
    public var environment: Optional<String>

    public init(type: String, id: String, name: String? = nil, environment: String? = nil) {
        self.type = type
        self.id = id
        self.name = name
        self.environment = environment
    }
}

/// A position in a file, for findings that come from files.
public struct Location: Codable, Sendable, Hashable {
    public var file: String
    public var line: Optional<Int>
    public var column: Optional<Int>

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    init?(_ origin: Origin?) {
        guard let origin, let file = origin.file else { return nil }
        self.init(file: file, line: origin.line, column: origin.column)
    }
}

/// One control's verdict on one resource, with the evidence behind it and the fix.
public struct Finding: Codable, Sendable, Hashable {
    public var control: String
    public var verdict: Verdict
    public var severity: Severity
    public var layer: Layer
    public var title: String
    public var resource: ResourceRef
    /// The exact settings, rules or statements behind the verdict (secrets redacted).
    public var evidence: [String]
    /// Why the control could not decide (`not-assessed`) or does not apply.
    public var reason: Optional<String>
    /// The fix, for failing findings.
    public var remediation: Optional<Remediation>
    public var location: Optional<Location>
    /// Where the deciding fact came from (API call or file), for evidence trails.
    public var source: Optional<String>
    /// Why a finding is suppressed (exception or inline suppression).
    public var suppression: Optional<String>

    public init(control: String, verdict: Verdict, severity: Severity, layer: Layer, title: String, resource: ResourceRef,
                evidence: [String], reason: String? = nil, remediation: Remediation? = nil, location: Location? = nil,
                source: String? = nil, suppression: String? = nil) {
        self.control = control
        self.verdict = verdict
        self.severity = severity
        self.layer = layer
        self.title = title
        self.resource = resource
        self.evidence = evidence
        self.reason = reason
        self.remediation = remediation
        self.location = location
        self.source = source
        self.suppression = suppression
    }
}
