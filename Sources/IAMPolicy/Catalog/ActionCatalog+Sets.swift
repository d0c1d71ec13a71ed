import Foundation

/// Ids for the catalog's action names, the numbering `ActionSet` uses.
final class ActionIndex: Sendable {
    /// Distinct action names in ascending `String` order: a name's id is its position.
    let names: [String]
    let idByName: [String: Int]

    init(services: [String: ActionCatalog.Service]) {
        // Gathered service by service in prefix order, the names come nearly sorted already
        // (the catalog lists each service's actions in order), which the sort runs through
        // quickly; equal neighbours are then dropped.
        var all: [String] = []
        all.reserveCapacity(services.values.reduce(0) { $0 + $1.actions.count })
        for service in services.values.sorted(by: { $0.prefix < $1.prefix }) {
            for action in service.actions { all.append(action.name) }
        }
        all.sort()
        var names: [String] = []
        names.reserveCapacity(all.count)
        for name in all where names.last != name { names.append(name) }
        var ids: [String: Int] = [:]
        ids.reserveCapacity(names.count)
        for (id, name) in names.enumerated() { ids[name] = id }
        self.names = names
        idByName = ids
    }
}

/// The lazily built `ActionIndex` and the memoized expansion of each action pattern.
///
/// Why: a fleet's roles repeat the same few hundred patterns (`s3:*`, `logs:PutLogEvents`, the
/// entries of AWS managed policies); each is expanded over the catalog once per process. Bounded
/// so hostile input cannot grow it without limit.
final class ActionSetMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var builtIndex: ActionIndex?
    /// Keyed by the lower-cased pattern; `matchingSet` keys in their own key space.
    private var expansions: [ByteKey: ActionSet] = [:]
    static let capacity = 10_000

    func index(_ services: [String: ActionCatalog.Service]) -> ActionIndex {
        lock.lock()
        defer { lock.unlock() }
        if let builtIndex { return builtIndex }
        let index = ActionIndex(services: services)
        builtIndex = index
        return index
    }

    func expansion(_ key: ByteKey, compute: () -> ActionSet) -> ActionSet {
        lock.lock()
        if let known = expansions[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let set = compute()
        lock.lock()
        if expansions.count >= Self.capacity { expansions.removeAll(keepingCapacity: true) }
        expansions[key] = set
        lock.unlock()
        return set
    }
}

extension ActionCatalog {
    /// The id numbering of the catalog's action names.
    var actionIndex: ActionIndex { sets.index(services) }

    /// The empty set over this catalog.
    func emptyActionSet() -> ActionSet { ActionSet(capacity: actionIndex.names.count) }

    /// Every catalog action.
    func allActionSet() -> ActionSet { ActionSet.all(capacity: actionIndex.names.count) }

    /// The catalog actions an `Action`/`NotAction` entry matches, as `expandActions` finds them.
    func actionSet(_ pattern: ActionPattern) -> ActionSet {
        sets.expansion(ByteKey(pattern.lower)) {
            let index = actionIndex
            var set = ActionSet(capacity: index.names.count)
            for action in expandActions(pattern) {
                if let id = index.idByName[action.name] { set.insert(id) }
            }
            return set
        }
    }

    /// The catalog actions whose full name an entry matches as `ActionPattern.matches` does (the
    /// test `Deny` statements apply), as opposed to `actionSet`'s service-then-action expansion.
    func matchingSet(_ pattern: ActionPattern) -> ActionSet {
        sets.expansion(ByteKey(pattern.lower, space: 1)) {
            let index = actionIndex
            var set = ActionSet(capacity: index.names.count)
            for (id, name) in index.names.enumerated() where pattern.matches(ActionQuery(name)) { set.insert(id) }
            return set
        }
    }

    /// The catalog actions an `Action`/`NotAction` clause applies to (`ActionClause.applies(to:)`).
    func matchingSet(_ clause: PolicyStatement.ActionClause) -> ActionSet {
        var matched = emptyActionSet()
        for pattern in clause.patterns { matched.formUnion(matchingSet(pattern)) }
        if case .notActions = clause {
            var all = allActionSet()
            all.subtract(matched)
            return all
        }
        return matched
    }

    /// The names in `set`, sorted.
    func names(_ set: ActionSet) -> [String] {
        let names = actionIndex.names
        return set.ids.map { names[$0] }
    }

    /// The id of an exactly spelled catalog action name.
    func actionId(_ name: String) -> Int? { actionIndex.idByName[name] }
}

extension ActionSet {
    /// The set's action names, sorted (ids are in name order); at most `limit` when given.
    func names(in index: ActionIndex, prefix limit: Int? = nil) -> [String] {
        (limit.map { ids(prefix: $0) } ?? ids).map { index.names[$0] }
    }
}
