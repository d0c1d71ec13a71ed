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
            guard let events = context.inventory.cloudTrailEvents else { return [.notAssessed(context.gapReason(.cloudTrailEvents, fallback: "no CloudTrail events collected"))] }
            let policies: RolePolicies
            switch context.instanceRolePolicies() {
            case .failure(.unknown(let reason)): return [.notAssessed(reason)]
            case .failure(.notApplicable(let reason)): return [.notApplicable(reason)]
            case .success(let found): policies = found
            }
            guard let principal = policies.principal else { return [.notAssessed(policies.problems.joined(separator: "; "))] }
            let ref = context.roleRef(policies.role)
            if !policies.isComplete { return [.notAssessed(policies.problems.joined(separator: "; "), resource: ref)] }
            let usage = LeastPrivilege.usage(of: policies.role, in: events, since: context.settings.now.addingTimeInterval(-Double(context.settings.lookbackDays) * 86_400))
            // No event at all by the role means the trail data does not cover its activity (a running
            // environment's instances always call AWS), not that nothing is used.
            guard !usage.isEmpty else {
                return [.notAssessed("the CloudTrail data holds no event by \(policies.role.name) in \(context.settings.lookbackDays) days (export its activity: lookup-events by Username = instance id)", resource: ref)]
            }
            let result = LeastPrivilege.tighten(principal, used: usage)
            guard !result.unused.isEmpty else { return [.pass("all \(result.granted.count) granted action(s) of \(policies.role.name) were used in \(context.settings.lookbackDays) days", resource: ref)] }
            let shown = result.unused.prefix(25).joined(separator: ", ") + (result.unused.count > 25 ? ", … (\(result.unused.count) in all)" : "")
            return [.fail(["\(policies.role.name): \(result.unused.count) of \(result.granted.count) granted action(s) unused in \(context.settings.lookbackDays) days: \(shown)",
                           "tightened policy: \(result.document)"], resource: ref, origin: policies.role.origin)]
        })
}

/// Least privilege from observed use: what a role was seen calling, and a policy that keeps only that.
public enum LeastPrivilege {
    /// Actions (`service:Action`) a role was seen calling, with the resources the events name.
    public static func usage(of role: Role, in events: [CloudTrailEvent], since: Date) -> [String: Set<String>] {
        var used: [String: Set<String>] = [:]
        let marker = ":assumed-role/\(role.name)/"
        for event in events {
            guard let principal = event.principalArn, principal.contains(marker) || principal == role.arn else { continue }
            if let time = event.eventTime, time < since { continue }
            guard let source = event.eventSource else { continue }
            let service = source.replacingOccurrences(of: ".amazonaws.com", with: "")
            let action = "\(service):\(event.eventName)"
            used[action, default: []].formUnion(event.resources.filter { $0.hasPrefix("arn:") })
        }
        return used
    }

    /// Concrete actions a principal is granted on some resource: every Allow's actions (or, for
    /// `NotAction`, every catalog action it does not exclude) expanded over the action catalog,
    /// keeping those that survive explicit denies, the boundary and SCPs. Unknown literal actions
    /// are kept as written so they are never silently dropped.
    public static func grantedActions(_ principal: PrincipalPolicies) -> [String] {
        let catalog = ActionCatalog.shared
        var candidates = Set<String>()
        for policy in principal.policies {
            for statement in policy.document.statements where statement.effect == .allow {
                switch statement.action {
                case .actions(let patterns):
                    for pattern in patterns {
                        let expanded = catalog.expand(pattern.text)
                        candidates.formUnion(expanded.isEmpty ? [pattern.text] : expanded)
                    }
                case .notActions(let patterns):
                    let excluded = Set(patterns.flatMap { catalog.expand($0.text) })
                    candidates.formUnion(catalog.expand("*").filter { !excluded.contains($0) })
                }
            }
        }
        return candidates.filter { !principal.grants(action: $0).isEmpty }.sorted()
    }

    public struct Result: Sendable {
        /// Concrete actions the role is granted (catalog expansion, after denies).
        public var granted: [String]
        /// Granted actions not seen in use.
        public var unused: [String]
        /// The tightened policy document (JSON), grouped by service.
        public var document: String
    }

    /// Keeps only the used actions, each on the resources the events show, else on the resources
    /// the original grant names (never broader than before).
    public static func tighten(_ principal: PrincipalPolicies, used: [String: Set<String>]) -> Result {
        let granted = Set(grantedActions(principal))
        let usedLower = Dictionary(uniqueKeysWithValues: used.map { ($0.key.lowercased(), $0.value) })
        let kept = granted.filter { usedLower[$0.lowercased()] != nil }.sorted()
        let unused = granted.subtracting(kept).sorted()
        var byService: [String: [(String, [String])]] = [:]
        for action in kept {
            let seen = usedLower[action.lowercased()].map { Array($0).sorted() } ?? []
            let resources = seen.isEmpty ? Array(Set(principal.grants(action: action).flatMap(\.resources))).sorted() : seen
            byService[String(action.split(separator: ":").first ?? ""), default: []].append((action, resources.isEmpty ? ["*"] : resources))
        }
        var statements: [[String: Any]] = []
        for service in byService.keys.sorted() {
            var byResources: [[String]: [String]] = [:]
            for (action, resources) in byService[service] ?? [] { byResources[resources, default: []].append(action) }
            for (resources, actions) in byResources.sorted(by: { $0.value[0] < $1.value[0] }) {
                statements.append(["Sid": service.replacingOccurrences(of: "-", with: "") + String(statements.count + 1), "Effect": "Allow",
                                   "Action": actions.sorted(), "Resource": resources.count == 1 ? resources[0] as Any : resources])
            }
        }
        let document: [String: Any] = ["Version": "2012-10-17", "Statement": statements]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return Result(granted: granted.sorted(), unused: unused, document: String(decoding: data, as: UTF8.self))
    }
}
