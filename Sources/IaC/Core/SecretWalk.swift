import Inventory
import Secrets

/// Finds secrets in structured documents (templates, configuration files): every scalar is judged
/// with the key it is assigned to as context.
///
/// High-entropy hits without a telling key are dropped here: structured files are full of ids and
/// hashes, and the entropy rule is kept for environment properties and free text (see `TextScan`).
enum SecretWalk {
    /// Keys whose values are names of things, never secrets (intrinsic function arguments).
    private static let ignoredKeys: Set<String> = ["Ref", "Fn::GetAtt", "Condition", "Type", "Fn::ImportValue", "DependsOn"]

    static func scan(_ node: Node, file: String, into secrets: inout [LocatedSecret]) {
        walk(node, key: nil, file: file, depth: 0, into: &secrets)
    }

    private static func walk(_ node: Node, key: String?, file: String, depth: Int, into secrets: inout [LocatedSecret]) {
        guard depth < maximumNestingDepth else { return }
        switch node.kind {
        case .scalar(let text):
            guard text.utf8.count >= 4, let hit = SecretProbe.classify(value: text, key: key, entropy: false), hit.kind != .highEntropy else { return }
            let origin = Origin.file(file, line: node.line, column: node.column)
            if !secrets.contains(where: { $0.origin == origin }) {
                secrets.append(LocatedSecret(hit: hit, origin: origin))
            }
        case .list(let items):
            for item in items { walk(item, key: key, file: file, depth: depth + 1, into: &secrets) }
        case .map(let entries):
            for entry in entries where !ignoredKeys.contains(entry.key) {
                walk(entry.value, key: entry.key, file: file, depth: depth + 1, into: &secrets)
            }
        case .null, .unresolved:
            return
        }
    }
}
