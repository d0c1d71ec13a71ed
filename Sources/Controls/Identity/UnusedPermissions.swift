import Foundation
import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-012: permissions the instance role has not used in the look-back window.
    static let unusedPermissions = Control(
        id: "EB-IAM-012", layer: .identity, severity: .low,
        title: "The instance role holds no permissions it does not use",
        rationale: "Actions granted but never called in the look-back window are risk without benefit. CloudTrail shows what the role really does; the finding carries a tightened policy that keeps only that.",
        references: [.seed("001_573b8fe637c46486.txt"), .seed("000_59b7f370cd5d1731.txt"), .doc("security-best-practices.html")],
        remediation: .manual("Review the tightened policy in the finding (or `ebguard policy tighten --role ROLE`) and replace the role's policies with it after a full business cycle."),
        examples: [
            .passes("hardened baseline: every granted action was used"),
            .fails("a granted action never used") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::elasticbeanstalk-us-east-1-111122223333/*"}]}"#) },
            .notAssessed("no CloudTrail data") { $0.inventory.cloudTrailEvents = nil },
            .notAssessed("CloudTrail data without the role's activity") { $0.inventory.cloudTrailEvents = Array($0.inventory.cloudTrailEvents?.prefix(1) ?? []) },
        ],
        evaluate: { context in
            guard context.inventory.cloudTrailEvents != nil else { return [.notAssessed(context.gapReason(.cloudTrailEvents, fallback: "no CloudTrail events collected"))] }
            let policies: InstanceRolePolicies
            switch context.instanceRolePolicies() {
            case .failure(.unknown(let reason)): return [.notAssessed(reason)]
            case .failure(.notApplicable(let reason)): return [.notApplicable(reason)]
            case .success(let found): policies = found
            }
            // (The role is read where its policies hold it, not copied out.)
            let role = policies.policies
            let ref = policies.ref
            if !policies.isComplete { return [.notAssessed(policies.problems.joined(separator: "; "), resource: ref)] }
            let usage = RoleUsage.used(by: role.role, in: context.index.eventsByRole[role.role.name] ?? [],
                                       since: context.settings.now.addingTimeInterval(-Double(context.settings.lookbackDays) * 86_400))
            // No event at all by the role means the trail data does not cover its activity (a running
            // environment's instances always call AWS), not that nothing is used.
            guard !usage.isEmpty else {
                return [.notAssessed("the CloudTrail data holds no event by \(role.role.name) in \(context.settings.lookbackDays) days (export its activity: lookup-events by Username = instance id)", resource: ref)]
            }
            // The proposal is built only for a role that holds something it did not use (and removes
            // the unused actions found here).
            let unused = PolicyAnalysis.unusedActions(granted: policies.granted, used: usage)
            guard unused.count > 0 else {
                return [.pass("every granted action of \(role.role.name) was used in \(context.settings.lookbackDays) days", resource: ref)]
            }
            let result = PolicyAnalysis.tighten(policies.principal, unused: unused, used: usage)
            let removed = result.removedCount
            let shown = actionSample(result.removedActions(prefix: 25), total: removed)
            return [.fail(["\(role.role.name): \(removed) granted action(s) unused in \(context.settings.lookbackDays) days: \(shown)",
                           "tightened policy: \(result.document.json)"], resource: ref, origin: role.role.origin)]
        })
}

/// What a role was seen calling in CloudTrail, as the engine's `UsedAction`s.
public enum RoleUsage {
    /// Actions (`service:Action`) the role's sessions called since `since`, with the ARNs the events name.
    public static func used(by role: Role, in events: [CloudTrailEvent], since: Date) -> [UsedAction] {
        // Actions in the order first seen, each with the ARNs of all its events (sorted and made
        // unique at the end). A role's events name a handful of actions: they are found by a
        // search of the list, and a table is built only for a role that calls many.
        var actions: [(name: String, arns: [String])] = []
        var position: [String: Int]?
        let marker = ":assumed-role/\(role.name)/"
        // (Fields are read in place: an event is a large value, not worth copying whole.)
        for index in events.indices {
            guard let principal = events[index].principalArn, FastText.contains(principal, marker) || principal == role.arn else { continue }
            if let time = events[index].eventTime, time < since { continue }
            guard let source = events[index].eventSource else { continue }
            let action = FastText.joined(servicePrefixes.answer(source) { FastText.replacing(".amazonaws.com", with: "", in: source) }, ":", events[index].eventName)
            let known: Int?
            if let position { known = position[action] } else { known = actions.firstIndex { $0.name == action } }
            let at: Int
            if let known {
                at = known
            } else {
                at = actions.count
                actions.append((action, []))
                if position != nil {
                    position?[action] = at
                } else if actions.count == searchedActions {
                    position = Dictionary(uniqueKeysWithValues: actions.indices.map { (actions[$0].name, $0) })
                }
            }
            for resource in events[index].resources where resource.hasPrefix("arn:") { actions[at].arns.append(resource) }
        }
        return actions.map { UsedAction($0.name, resources: uniqueSorted($0.arns)) }
    }

    /// How many actions a role's list holds before they are looked up in a table instead.
    private static let searchedActions = 16

    /// The texts sorted, each once.
    private static func uniqueSorted(_ texts: [String]) -> [String] {
        guard texts.count > 1 else { return texts }
        var result: [String] = []
        for text in texts.sorted() where text != result.last { result.append(text) }
        return result
    }

    /// IAM service prefixes by CloudTrail event source (`s3.amazonaws.com` → `s3`): a fleet's
    /// events come from a few dozen sources.
    private static let servicePrefixes = BoundedMemo<String, String>(capacity: 1_000)
}
