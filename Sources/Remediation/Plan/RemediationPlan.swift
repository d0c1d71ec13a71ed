import Controls
import Foundation

/// A reviewed, machine-readable remediation plan for one environment: what `ebguard plan` writes
/// and `ebguard apply` executes.
///
/// The plan is the unit of review. It names every option change with its value at planning time,
/// so `apply` can refuse a plan that no longer matches the environment (someone changed it since),
/// and it carries the same change as an AWS CLI command, an `.ebextensions` file and
/// CloudFormation/Terraform snippets, so teams that manage environments as code can take the fix
/// into their templates instead of applying it live.
public struct RemediationPlan: Codable, Sendable, Hashable {
    /// The schema this build writes. `apply` refuses plans with a newer schema.
    public static let currentSchemaVersion = 1
    /// The `kind` every plan file carries, so a wrong file is recognised at once.
    public static let kindName = "ebguard-remediation-plan"

    public var schemaVersion: Int
    public var kind: String
    public var createdAt: Date
    public var toolVersion: String
    /// The environment the plan changes.
    public var environment: PlanEnvironment
    /// Where the facts behind the plan came from (`live us-east-1`, `snapshot fleet.json`).
    public var source: String
    /// Failing controls that option settings fix, each with its changes, prerequisites and risks.
    public var fixes: [PlannedFix]
    /// Every option change of `fixes`, merged in order: exactly what `apply` sends.
    public var optionChanges: [PlannedOptionChange]
    /// Failing controls fixed outside option settings: reviewed commands and documents.
    public var manualFixes: [ManualFix]
    /// Failing controls the plan leaves out, and what would let it include them.
    public var notPlanned: [NotPlannedControl]
    /// The equivalent forms of `optionChanges`, for review and for infrastructure as code.
    public var snippets: PlanSnippets

    public init(createdAt: Date, toolVersion: String, environment: PlanEnvironment, source: String, fixes: [PlannedFix],
                manualFixes: [ManualFix], notPlanned: [NotPlannedControl]) {
        self.schemaVersion = Self.currentSchemaVersion
        self.kind = Self.kindName
        self.createdAt = createdAt
        self.toolVersion = toolVersion
        self.environment = environment
        self.source = source
        self.fixes = fixes
        self.optionChanges = PlannedOptionChange.merged(fixes.flatMap(\.changes))
        self.manualFixes = manualFixes
        self.notPlanned = notPlanned
        self.snippets = PlanSnippets(changes: optionChanges, environment: environment)
    }

    /// The controls whose option changes the plan applies.
    public var plannedControls: [String] { fixes.map(\.control) }
}

/// The environment a plan is for.
public struct PlanEnvironment: Codable, Sendable, Hashable {
    public var name: String
    public var id: String?
    public var applicationName: String?
    public var region: String?
    public var accountId: String?

    public init(name: String, id: String? = nil, applicationName: String? = nil, region: String? = nil, accountId: String? = nil) {
        self.name = name
        self.id = id
        self.applicationName = applicationName
        self.region = region
        self.accountId = accountId
    }
}

/// One option change: set a value, or remove the option (`newValue == nil`).
///
/// `oldValue` is the value when the plan (or the change record) was made; `nil` means the option
/// was absent. Sensitive values are never kept in clear: `oldValueRedacted` says the old value is
/// shown redacted and cannot be restored from the record.
public struct PlannedOptionChange: Codable, Sendable, Hashable {
    public var namespace: String
    public var optionName: String
    public var resourceName: String?
    public var oldValue: String?
    public var newValue: String?
    public var oldValueRedacted: Bool

    public init(namespace: String, optionName: String, resourceName: String? = nil, oldValue: String?, newValue: String?, oldValueRedacted: Bool = false) {
        self.namespace = namespace
        self.optionName = optionName
        self.resourceName = resourceName
        self.oldValue = oldValue
        self.newValue = newValue
        self.oldValueRedacted = oldValueRedacted
    }

    /// `namespace/OptionName` (with `@resource` when scoped to a resource).
    public var key: OptionKey { OptionKey(namespace: namespace, optionName: optionName, resourceName: resourceName) }

    /// `set` or `remove`, spelled out for readers of the JSON plan.
    public var action: String { newValue == nil ? "remove" : "set" }

    enum CodingKeys: String, CodingKey {
        case namespace, optionName, resourceName, oldValue, newValue, oldValueRedacted, action
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        optionName = try container.decode(String.self, forKey: .optionName)
        resourceName = try container.decodeIfPresent(String.self, forKey: .resourceName)
        oldValue = try container.decodeIfPresent(String.self, forKey: .oldValue)
        newValue = try container.decodeIfPresent(String.self, forKey: .newValue)
        oldValueRedacted = try container.decodeIfPresent(Bool.self, forKey: .oldValueRedacted) ?? false
        if let action = try container.decodeIfPresent(String.self, forKey: .action), action != self.action {
            throw DecodingError.dataCorruptedError(forKey: .action, in: container,
                                                   debugDescription: "action '\(action)' contradicts newValue (\(newValue == nil ? "absent: remove" : "present: set"))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(namespace, forKey: .namespace)
        try container.encode(optionName, forKey: .optionName)
        try container.encodeIfPresent(resourceName, forKey: .resourceName)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(oldValue, forKey: .oldValue)
        try container.encodeIfPresent(newValue, forKey: .newValue)
        if oldValueRedacted { try container.encode(true, forKey: .oldValueRedacted) }
    }

    /// Merges changes in order; a later change of the same option replaces the earlier one's new
    /// value and keeps its old value.
    static func merged(_ changes: [PlannedOptionChange]) -> [PlannedOptionChange] {
        var result: [PlannedOptionChange] = []
        var position: [OptionKey: Int] = [:]
        for change in changes {
            if let index = position[change.key] {
                result[index].newValue = change.newValue
            } else {
                position[change.key] = result.count
                result.append(change)
            }
        }
        return result
    }
}

/// Identifies one option of an environment.
public struct OptionKey: Codable, Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var optionName: String
    public var resourceName: String?

    public init(namespace: String, optionName: String, resourceName: String? = nil) {
        self.namespace = namespace
        self.optionName = optionName
        self.resourceName = resourceName
    }

    public var description: String {
        "\(namespace)/\(optionName)" + (resourceName.map { " (resource \($0))" } ?? "")
    }
}

/// A failing control that the plan fixes with option settings.
public struct PlannedFix: Codable, Sendable, Hashable {
    public var control: String
    public var title: String
    public var severity: Severity
    public var summary: String
    public var changes: [PlannedOptionChange]
    /// What must be true before applying (plain words).
    public var prerequisites: [String]
    /// What can go wrong, and how it shows.
    public var risks: [String]

    public init(control: String, title: String, severity: Severity, summary: String, changes: [PlannedOptionChange],
                prerequisites: [String], risks: [String]) {
        self.control = control
        self.title = title
        self.severity = severity
        self.summary = summary
        self.changes = changes
        self.prerequisites = prerequisites
        self.risks = risks
    }
}

/// A failing control fixed outside option settings (bucket encryption, security group rules,
/// IAM policies): the reviewed commands and documents, never run by `apply`.
public struct ManualFix: Codable, Sendable, Hashable {
    public var control: String
    public var title: String
    public var severity: Severity
    public var resource: String
    public var summary: String
    public var commands: [String]
    public var evidence: [String]

    public init(control: String, title: String, severity: Severity, resource: String, summary: String, commands: [String], evidence: [String]) {
        self.control = control
        self.title = title
        self.severity = severity
        self.resource = resource
        self.summary = summary
        self.commands = commands
        self.evidence = evidence
    }
}

/// A failing control the plan leaves out, with the reason and, where one helps, the flag that
/// would let the plan include it.
public struct NotPlannedControl: Codable, Sendable, Hashable {
    public var control: String
    public var title: String
    public var reason: String
    public var needs: String?

    public init(control: String, title: String, reason: String, needs: String? = nil) {
        self.control = control
        self.title = title
        self.reason = reason
        self.needs = needs
    }
}
