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

/// Granted actions a principal was not seen using: what a tightened policy removes.
///
/// Kept as catalog ids and spelled out only when asked for (a broad role removes thousands).
public struct UnusedActions: Sendable {
    let actions: ActionSet
    private let index: ActionIndex

    init(_ actions: ActionSet, index: ActionIndex) {
        self.actions = actions
        self.index = index
    }

    /// How many granted actions were not used.
    public var count: Int { actions.count }

    /// The unused actions, sorted.
    public var names: [String] { actions.names(in: index) }

    /// The first `count` unused actions, sorted.
    public func names(prefix count: Int) -> [String] { actions.names(in: index, prefix: count) }
}

/// A least-privilege replacement for a principal's policies (EB-IAM-012).
public struct TightenedPolicy: Sendable, Hashable {
    /// The proposed policy: only what was used and is currently allowed, grouped by service.
    public var document: PolicyDocument
    /// The removed actions.
    public let removed: UnusedActions
    /// Used actions the current policies do not allow (left out of the proposal), sorted.
    public var notGranted: [String]
    public var summary: String

    init(document: PolicyDocument, removed: UnusedActions, notGranted: [String], summary: String) {
        self.document = document
        self.removed = removed
        self.notGranted = notGranted
        self.summary = summary
    }

    /// Actions currently granted that were never used (what the tightened policy removes), sorted.
    public var removedActions: [String] { removed.names }

    /// How many granted actions the tightened policy removes.
    public var removedCount: Int { removed.count }

    /// The first `count` removed actions, sorted.
    public func removedActions(prefix count: Int) -> [String] { removed.names(prefix: count) }

    /// The proposal as JSON text.
    public var json: String { document.json }

    public static func == (lhs: TightenedPolicy, rhs: TightenedPolicy) -> Bool {
        lhs.document == rhs.document && lhs.removedActions == rhs.removedActions && lhs.notGranted == rhs.notGranted && lhs.summary == rhs.summary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(removedActions)
        hasher.combine(notGranted)
        hasher.combine(summary)
    }
}

extension PolicyAnalysis {
    /// Builds a policy that keeps only the used actions, grouped by service, on the used resource
    /// ARNs where CloudTrail names them (else on the resources, and under the conditions, of the
    /// current grants), plus the current Deny statements, and lists the granted actions it removes.
    ///
    /// A used action is kept only if the current policies allow it (on its resources), so the
    /// proposal never widens access.
    public static func tighten(_ principal: PrincipalPolicies, used: [UsedAction], catalog: ActionCatalog = .shared) -> TightenedPolicy {
        tighten(principal, granted: granted(principal, catalog: catalog), used: used, catalog: catalog)
    }

    /// `tighten(_:used:catalog:)` with the principal's granted actions already worked out
    /// (`granted(_:catalog:)`, with the same catalog).
    public static func tighten(_ principal: PrincipalPolicies, granted: GrantedActions, used: [UsedAction],
                               catalog: ActionCatalog = .shared) -> TightenedPolicy {
        tighten(principal, unused: unusedActions(granted: granted, used: used, catalog: catalog), used: used, catalog: catalog)
    }

    /// `tighten(_:used:catalog:)` with the granted actions it removes already worked out
    /// (`unusedActions(granted:used:catalog:)` for the same `used`, with the same catalog): a caller
    /// that first asks whether anything is unused does not work them out a second time.
    public static func tighten(_ principal: PrincipalPolicies, unused: UnusedActions, used: [UsedAction],
                               catalog: ActionCatalog = .shared) -> TightenedPolicy {
        // Merge uses of the same action (case-insensitively) and spell actions as the catalog does.
        // (In the order first used; a name's position by its lower-cased spelling.)
        var merged: [(name: String, resources: Set<String>, anyUnknownResource: Bool)] = []
        var position: [String: Int] = [:]
        merged.reserveCapacity(used.count)
        position.reserveCapacity(used.count)
        for use in used {
            let name = catalog.spelling(of: use.action)
            let key = name.lowercased()
            let at: Int
            if let known = position[key] {
                at = known
            } else {
                at = merged.count
                position[key] = at
                merged.append((name, [], false))
            }
            merged[at].resources.formUnion(use.resources)
            if use.resources.isEmpty { merged[at].anyUnknownResource = true }
        }

        var notGranted: [String] = []
        // service → scope → actions
        var byService: [String: [TightenScope: [String]]] = [:]
        let context = RequestContext()
        for entry in merged {
            // (One query per kept action, matched against every statement and resource.)
            let query = ActionQuery(entry.name)
            let scopes: [TightenScope]
            if entry.anyUnknownResource || entry.resources.isEmpty {
                // CloudTrail did not name the resources: keep the current grants' own resources and
                // conditions for this action, so the proposal is never wider than today's policy.
                scopes = Array(Set(principal.grants(query).map { TightenScope($0, in: principal) }))
            } else {
                let allowed = entry.resources.sorted().filter { principal.evaluate(query, ResourceQuery($0), context).isAllowed }
                scopes = allowed.isEmpty ? [] : [TightenScope(resources: allowed.contains("*") ? ["*"] : allowed)]
            }
            guard !scopes.isEmpty else { notGranted.append(entry.name); continue }
            let service = serviceOf(entry.name)
            for scope in scopes { byService[service, default: [:]][scope, default: []].append(entry.name) }
        }

        var statements: [PolicyStatement] = []
        for service in byService.keys.sorted() {
            guard let groups = byService[service] else { continue }
            let sortedGroups = groups.map { (key: $0.key, value: $0.value, order: $0.key.sortKey) }.sorted { $0.order < $1.order }
            let base = sidBases.answer(service) {
                "Used" + service.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            }
            for (index, group) in sortedGroups.enumerated() {
                let sid = sortedGroups.count > 1 ? "\(base)\(index + 1)" : base
                let patterns = group.key.resources.map { ResourcePattern($0) }
                statements.append(PolicyStatement(sid: sid, effect: .allow, action: .actions(group.value.sorted().map(ActionPattern.init)),
                                                  resource: group.key.negated ? .notResources(patterns) : .resources(patterns),
                                                  condition: group.key.condition))
            }
        }
        // The current Deny statements only ever narrow: keep them (conditional ones were not applied above).
        if !statements.isEmpty {
            statements += principal.policies.flatMap { $0.document.statements.filter { $0.effect == .deny } }
        }
        let document = PolicyDocument(version: "2012-10-17", statements: statements)
        var summary = "keeps \(merged.count - notGranted.count) used action(s) in \(statements.count) statement(s); removes \(unused.count) unused granted action(s)"
        if !notGranted.isEmpty { summary += "; \(notGranted.count) used action(s) are not currently allowed and were left out" }
        return TightenedPolicy(document: document, removed: unused, notGranted: notGranted.sorted(), summary: summary)
    }

    /// The granted actions none of `used` names: what `tighten` removes, without building the
    /// proposal (a role that used everything it holds needs no proposal).
    public static func unusedActions(granted: GrantedActions, used: [UsedAction], catalog: ActionCatalog = .shared) -> UnusedActions {
        var unused = granted.actions
        for use in used {
            if let id = catalog.actionId(catalog.spelling(of: use.action)) { unused.remove(id) }
        }
        return UnusedActions(unused, index: catalog.actionIndex)
    }
}

extension ActionCatalog {
    /// An action as the catalog spells it (`S3:getobject` → `s3:GetObject`); the text itself
    /// when the catalog does not know it.
    func spelling(of action: String) -> String {
        spellings.answer(action) { self.action(action)?.name ?? action }
    }
}

/// The first non-empty colon-separated part of an action name (`s3` for `s3:GetObject`).
private func serviceOf(_ name: String) -> String {
    if name.utf8.first != UInt8(ascii: ":"), let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) { return String(name[..<colon]) }
    return name.split(separator: ":").first.map(String.init) ?? name
}

/// Statement ids of the tightened policy by service prefix (`s3` → `UsedS3`): a fleet's roles use
/// the same few services.
private let sidBases = BoundedMemo<String, String>(capacity: 1_000)

/// Where a kept action is allowed in the tightened policy: resources (or `NotResource`) and the
/// condition of the grant it came from.
struct TightenScope: Hashable {
    var resources: [String]
    var negated = false
    var condition = PolicyCondition()

    init(resources: [String]) {
        self.resources = resources
    }

    /// The scope of a current grant: its resources and its statement's condition.
    init(_ grant: Grant, in principal: PrincipalPolicies) {
        resources = grant.resources.isEmpty ? ["*"] : grant.resources
        negated = grant.resourcesNegated
        let policy = principal.policies.first { $0.name == grant.statement.policyName && $0.arn == grant.statement.policyArn }
        if let statements = policy?.document.statements, statements.indices.contains(grant.statement.index) {
            condition = statements[grant.statement.index].condition
        }
    }

    var sortKey: String { (negated ? "~" : "") + resources.joined(separator: ",") + (condition.isEmpty ? "" : "?") }
}
