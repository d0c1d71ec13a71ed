import Foundation

/// What the per-principal analyses need from one identity policy on its own, before the other
/// policies, the boundary and SCPs are combined with it.
///
/// Why: managed policies are shared by many roles (a fleet's instance roles all carry the same
/// few AWS managed policies and a handful of customer managed ones); their facts are worked out
/// once per parsed document instead of once per role.
struct DocumentFacts: Sendable {
    /// Catalog actions the document's Allow statements name (`Action`, or everything but a
    /// `NotAction`), resources and conditions aside.
    let allowed: ActionSet
    /// `CompiledPaths.standard` queries an Allow statement applies to by its action clause alone.
    let allowedQueries: UInt64?
    /// Literal (wildcard-free) entries of Allow + `Action` statements the catalog does not know.
    let unknownLiterals: [ActionPattern]

    init(_ document: PolicyDocument, catalog: ActionCatalog) {
        allowed = PolicyAnalysis.allowedActionSet(document, catalog: catalog)
        allowedQueries = CompiledPaths.standard.allowedQueries([document])
        var unknown: [ActionPattern] = []
        for statement in document.statements {
            guard statement.effect == .allow, case let .actions(patterns) = statement.action else { continue }
            for pattern in patterns where !pattern.hasWildcard && PolicyAnalysis.classify(pattern, catalog) != nil {
                unknown.append(pattern)
            }
        }
        unknownLiterals = unknown
    }
}

/// `DocumentFacts` of managed-policy documents, by parsed document.
///
/// A document is recognised by the identity of its statements (parsed statements are shared by
/// every copy of a parsed document); the memo keeps those statements alive, so an identity is
/// never reused for another document while it is remembered. Bounded: when full it starts again.
final class DocumentFactsMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [ObjectIdentifier: (statements: [PolicyStatement], facts: DocumentFacts)] = [:]
    static let capacity = 2_000

    func facts(_ document: PolicyDocument, catalog: ActionCatalog) -> DocumentFacts {
        guard let first = document.statements.first else { return DocumentFacts(document, catalog: catalog) }
        let key = ObjectIdentifier(first.box)
        lock.lock()
        let known = entries[key]
        lock.unlock()
        if let known, Self.same(known.statements, document.statements) { return known.facts }
        let facts = DocumentFacts(document, catalog: catalog)
        lock.lock()
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (document.statements, facts)
        lock.unlock()
        return facts
    }

    private static func same(_ lhs: [PolicyStatement], _ rhs: [PolicyStatement]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in lhs.indices where lhs[index].box !== rhs[index].box { return false }
        return true
    }
}

extension ActionCatalog {
    /// The remembered facts of a managed policy (shared by many principals); nil for an inline
    /// policy, whose facts are worked out where they are needed.
    func sharedFacts(of policy: NamedPolicy) -> DocumentFacts? {
        policy.arn == nil ? nil : documentFacts.facts(policy.document, catalog: self)
    }
}
