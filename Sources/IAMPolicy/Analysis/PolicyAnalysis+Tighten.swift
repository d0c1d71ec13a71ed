/// One action a principal was seen using (as CloudTrail shows it), with the resources if known.
public struct UsedAction: Sendable, Hashable {
    /// `service:Action`, e.g. `s3:GetObject` (CloudTrail's `eventSource` prefix + `eventName`).
    public var action: String
    /// Resource ARNs the calls touched; empty when CloudTrail did not say.
    public var resources: [String]

    public init(_ action: String, resources: [String] = []) {
        self.action = action
        self.resources = resources
    }
}

/// A least-privilege replacement for a principal's policies (EB-IAM-012).
public struct TightenedPolicy: Sendable, Hashable {
    /// The proposed policy: only what was used and is currently allowed, grouped by service.
    public var document: PolicyDocument
    /// Actions currently granted that were never used (what the tightened policy removes), sorted.
    public var removedActions: [String]
    /// Used actions the current policies do not allow (left out of the proposal), sorted.
    public var notGranted: [String]
    public var summary: String

    /// The proposal as JSON text.
    public var json: String { document.json }
}

extension PolicyAnalysis {
    /// Builds a policy that keeps only the used actions, grouped by service, on the used resource
    /// ARNs where known (else `*`), and lists the granted actions it removes.
    ///
    /// A used action is kept only if the current policies allow it (on its resources), so the
    /// proposal never widens access.
    public static func tighten(_ principal: PrincipalPolicies, used: [UsedAction], catalog: ActionCatalog = .shared) -> TightenedPolicy {
        // Merge uses of the same action (case-insensitively) and spell actions as the catalog does.
        var merged: [String: (name: String, resources: Set<String>, anyUnknownResource: Bool)] = [:]
        var order: [String] = []
        for use in used {
            let name = catalog.action(use.action)?.name ?? use.action
            let key = name.lowercased()
            if merged[key] == nil { merged[key] = (name, [], false); order.append(key) }
            merged[key]?.resources.formUnion(use.resources)
            if use.resources.isEmpty { merged[key]?.anyUnknownResource = true }
        }

        var notGranted: [String] = []
        // service → resource set → actions
        var byService: [String: [[String]: [String]]] = [:]
        for key in order {
            guard let entry = merged[key] else { continue }
            var resources: [String]
            if entry.anyUnknownResource || entry.resources.isEmpty {
                resources = ["*"]
                guard !principal.grants(action: entry.name).isEmpty else { notGranted.append(entry.name); continue }
            } else {
                resources = entry.resources.sorted().filter { principal.allows(action: entry.name, resource: $0) }
                guard !resources.isEmpty else { notGranted.append(entry.name); continue }
            }
            if resources.contains("*") { resources = ["*"] }
            let service = entry.name.split(separator: ":").first.map(String.init) ?? entry.name
            byService[service, default: [:]][resources, default: []].append(entry.name)
        }

        var statements: [PolicyStatement] = []
        for service in byService.keys.sorted() {
            guard let groups = byService[service] else { continue }
            let sortedGroups = groups.sorted { $0.key.joined(separator: ",") < $1.key.joined(separator: ",") }
            for (index, group) in sortedGroups.enumerated() {
                let base = "Used" + service.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                let sid = sortedGroups.count > 1 ? "\(base)\(index + 1)" : base
                statements.append(PolicyStatement(sid: sid, effect: .allow, action: .actions(group.value.sorted().map(ActionPattern.init)),
                                                  resource: .resources(group.key.map { ResourcePattern($0) })))
            }
        }
        let document = PolicyDocument(version: "2012-10-17", statements: statements)
        let usedNames = Set(merged.values.map(\.name))
        let removed = grantedActions(principal, catalog: catalog).subtracting(usedNames).sorted()
        var summary = "keeps \(usedNames.count - notGranted.count) used action(s) in \(statements.count) statement(s); removes \(removed.count) unused granted action(s)"
        if !notGranted.isEmpty { summary += "; \(notGranted.count) used action(s) are not currently allowed and were left out" }
        return TightenedPolicy(document: document, removedActions: removed, notGranted: notGranted.sorted(), summary: summary)
    }
}
