import Controls
import Foundation
import Inventory
import Secrets

/// Why a plan could not be made.
public enum PlanError: Error, CustomStringConvertible, Equatable {
    case unknownEnvironment(String, available: [String])
    case unknownControls([String])

    public var description: String {
        switch self {
        case .unknownEnvironment(let name, let available):
            let known = available.isEmpty ? "the source describes no environment" : "known: \(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", …" : "")"
            return "no environment named '\(name)' in the source (\(known))"
        case .unknownControls(let ids):
            return "unknown control id(s): \(ids.joined(separator: ", ")) (see `ebguard controls`)"
        }
    }
}

/// Turns one environment's failing findings into a remediation plan.
///
/// Only controls with a recipe (`FixRecipes`) become option changes, because only those have
/// reviewed prerequisites and risks; every other failing control is listed as a manual fix with
/// its reviewed commands. A change is planned only where the current value differs from the fix.
public struct Planner: Sendable {
    public let catalog: Catalog
    public let settings: AuditSettings

    public init(catalog: Catalog = .standard, settings: AuditSettings = AuditSettings()) {
        self.catalog = catalog
        self.settings = settings
    }

    /// Plans the fixes of `environment` from the facts in `inventory`.
    public func plan(inventory: Inventory, environment name: String, inputs: PlanInputs, source: String,
                     now: Date = Date(), toolVersion: String) throws -> RemediationPlan {
        guard let environment = inventory.environments.first(where: { $0.name == name }) else {
            throw PlanError.unknownEnvironment(name, available: inventory.environments.map(\.name).sorted())
        }
        if let wanted = inputs.controls {
            let unknown = wanted.filter { catalog.control(id: $0) == nil }.sorted()
            if !unknown.isEmpty { throw PlanError.unknownControls(unknown) }
        }
        var scoped = inventory
        scoped.environments = [environment]
        let findings = catalog.evaluate(scoped, settings: settings, only: inputs.controls.map { Set($0.map { $0.uppercased() }) })
        let failing = findings.filter { $0.verdict == .fail }
        let failingIds = Set(failing.map(\.control))

        var fixes: [PlannedFix] = []
        var manual: [ManualFix] = []
        var notPlanned: [NotPlannedControl] = []
        var planned: Set<String> = []
        for control in catalog.controls where failingIds.contains(control.id) {
            let controlFindings = failing.filter { $0.control == control.id }
            guard let recipe = FixRecipes.byControl[control.id] else {
                manual += controlFindings.map { manualFix($0, control: control) }
                continue
            }
            let context = RecipeContext(environment: environment, inputs: inputs, failing: failingIds, planned: planned)
            switch recipe.target(context) {
            case .needs(let reason, let flag):
                notPlanned.append(NotPlannedControl(control: control.id, title: control.title, reason: reason, needs: flag))
            case .notPlannable(let reason):
                notPlanned.append(NotPlannedControl(control: control.id, title: control.title, reason: reason))
                manual += controlFindings.map { manualFix($0, control: control) }
            case .values(let values, let notes):
                let changes = values.compactMap { change(for: $0.0, to: $0.1, in: environment) }
                guard !changes.isEmpty else {
                    let evidence = controlFindings.flatMap(\.evidence).prefix(3).joined(separator: "; ")
                    notPlanned.append(NotPlannedControl(control: control.id, title: control.title,
                                                        reason: "the option settings already hold the fix; the failure comes from elsewhere: \(evidence)"))
                    manual += controlFindings.map { manualFix($0, control: control) }
                    continue
                }
                planned.insert(control.id)
                fixes.append(PlannedFix(control: control.id, title: control.title, severity: control.severity,
                                        summary: control.remediation.summary, changes: changes,
                                        prerequisites: recipe.prerequisites, risks: recipe.risks + notes))
            }
        }
        let target = PlanEnvironment(name: environment.name, id: environment.id, applicationName: environment.applicationName,
                                     region: environment.region, accountId: environment.accountId)
        return RemediationPlan(createdAt: now, toolVersion: toolVersion, environment: target, source: source,
                               fixes: fixes, manualFixes: Self.merged(manual), notPlanned: notPlanned)
    }

    /// The change from the environment's current value to `newValue`, or `nil` when it already holds it.
    func change(for key: OptionKey, to newValue: String?, in environment: Environment) -> PlannedOptionChange? {
        let current = environment.optionSettings?.winner(key.namespace, key.optionName, resource: key.resourceName)
        let oldValue = current?.value
        if oldValue == newValue { return nil }
        let redacted = current.map { $0.secret != nil || (KeyNames.isSensitive($0.optionName) && $0.namespace.hasSuffix(":environment")) } ?? false
        return PlannedOptionChange(namespace: key.namespace, optionName: key.optionName, resourceName: key.resourceName,
                                   oldValue: redacted ? oldValue.map(Redaction.redact) : oldValue, newValue: newValue, oldValueRedacted: redacted)
    }

    /// One manual fix per control, resource and commands; the evidence of duplicates is merged.
    static func merged(_ fixes: [ManualFix]) -> [ManualFix] {
        var result: [ManualFix] = []
        var position: [String: Int] = [:]
        for fix in fixes {
            let key = ([fix.control, fix.resource, fix.summary] + fix.commands).joined(separator: "\u{1F}")
            if let index = position[key] {
                result[index].evidence += fix.evidence.filter { !result[index].evidence.contains($0) }
            } else {
                position[key] = result.count
                result.append(fix)
            }
        }
        return result
    }

    func manualFix(_ finding: Finding, control: Control) -> ManualFix {
        let remediation = finding.remediation ?? control.remediation
        var commands = remediation.commands
        if let cli = remediation.cli { commands.insert(cli, at: 0) }
        return ManualFix(control: control.id, title: control.title, severity: finding.severity,
                         resource: finding.resource.name ?? finding.resource.id, summary: remediation.summary,
                         commands: commands, evidence: finding.evidence)
    }
}
