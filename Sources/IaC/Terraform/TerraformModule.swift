import Foundation

/// A Terraform file's declarations and a static evaluator over them: `var.*` from variable
/// defaults, `local.*`, references to resources declared in the file (which evaluate to the
/// inventory name of that resource), `data.aws_iam_policy_document.*.json`, `jsonencode` and a few
/// pure functions. Anything else evaluates to `.unresolved`, never to a guess.
struct TerraformModule {
    struct Resource {
        var type: String
        var name: String
        var block: HCLBlock
        var address: String { "\(type).\(name)" }
    }

    let path: String
    var variables: [String: HCLExpression] = [:]
    var locals: [String: HCLExpression] = [:]
    var resources: [Resource] = []
    var policyDocuments: [String: HCLBlock] = [:]
    /// Inventory names by resource address.
    var names: [String: String] = [:]

    /// Attributes that give a resource its physical name, by preference.
    static let nameAttributes = ["name", "bucket", "identifier", "trail_name"]

    init(body: HCLBody, path: String) {
        self.path = path
        for block in body.blocks {
            switch block.type {
            case "variable":
                if let name = block.labels.first, let value = block.body.attribute("default")?.value { variables[name] = value }
            case "locals":
                for attribute in block.body.attributes { locals[attribute.name] = attribute.value }
            case "resource" where block.labels.count == 2:
                resources.append(Resource(type: block.labels[0], name: block.labels[1], block: block))
            case "data" where block.labels.count == 2 && block.labels[0] == "aws_iam_policy_document":
                policyDocuments[block.labels[1]] = block
            default: break
            }
        }
        for resource in resources {
            var name = "\(path)#\(resource.name)"
            if !["aws_security_group", "aws_kms_key"].contains(resource.type) {
                for attribute in Self.nameAttributes {
                    if let expression = resource.block.body.attribute(attribute)?.value, let value = evaluate(expression).string {
                        name = value
                        break
                    }
                }
            }
            names[resource.address] = name
        }
    }

    /// Iteration scope for `dynamic` blocks: the iterator's name and its current key/value.
    struct Scope {
        var iterator: String
        var key: Node
        var value: Node
    }

    func evaluate(_ expression: HCLExpression, scope: [Scope] = []) -> Node {
        evaluate(expression, scope: scope, depth: 0)
    }

    private func evaluate(_ expression: HCLExpression, scope: [Scope], depth: Int) -> Node {
        guard depth < 48 else { return .unresolved("too deep") }
        let (line, column) = expression.position
        func here(_ kind: Node.Kind) -> Node { Node(kind, line: line, column: column) }
        switch expression {
        case .literal(let node):
            return node
        case .template(let parts, _, _):
            var text = ""
            for part in parts {
                switch part {
                case .text(let piece): text += piece
                case .directive: return here(.unresolved("template directive"))
                case .interpolation(let inner):
                    let value = evaluate(inner, scope: scope, depth: depth + 1)
                    guard let piece = value.string else { return here(value.isUnresolved ? value.kind : .unresolved("interpolation")) }
                    text += piece
                }
            }
            return here(.scalar(text))
        case .list(let items, _, _):
            return here(.list(items.map { evaluate($0, scope: scope, depth: depth + 1) }))
        case .object(let entries, _, _):
            var output: [Node.Entry] = []
            for entry in entries {
                let key = evaluate(entry.key, scope: scope, depth: depth + 1)
                guard let name = key.string else { return here(.unresolved("object key")) }
                let (keyLine, keyColumn) = entry.key.position
                output.append(Node.Entry(key: name, keyLine: keyLine, keyColumn: keyColumn, value: evaluate(entry.value, scope: scope, depth: depth + 1)))
            }
            return here(.map(output))
        case .conditional(let condition, let yes, let no):
            guard let decided = evaluate(condition, scope: scope, depth: depth + 1).bool else { return here(.unresolved("conditional")) }
            return evaluate(decided ? yes : no, scope: scope, depth: depth + 1)
        case .binary(let op, let left, let right):
            let lhs = evaluate(left, scope: scope, depth: depth + 1)
            let rhs = evaluate(right, scope: scope, depth: depth + 1)
            guard let a = lhs.string, let b = rhs.string else { return here(.unresolved("operator \(op)")) }
            switch op {
            case "==": return here(.scalar(a == b ? "true" : "false"))
            case "!=": return here(.scalar(a != b ? "true" : "false"))
            case "&&": return here(.scalar(a == "true" && b == "true" ? "true" : "false"))
            case "||": return here(.scalar(a == "true" || b == "true" ? "true" : "false"))
            default:
                guard let x = Double(a), let y = Double(b) else { return here(.unresolved("operator \(op)")) }
                let result: Double
                switch op {
                case "+": result = x + y
                case "-": result = x - y
                case "*": result = x * y
                case "/": guard y != 0 else { return here(.unresolved("division by zero")) }; result = x / y
                case "<": return here(.scalar(x < y ? "true" : "false"))
                case ">": return here(.scalar(x > y ? "true" : "false"))
                case "<=": return here(.scalar(x <= y ? "true" : "false"))
                case ">=": return here(.scalar(x >= y ? "true" : "false"))
                default: return here(.unresolved("operator \(op)"))
                }
                return here(.scalar(result == result.rounded() && abs(result) < 1e15 ? String(Int(result)) : String(result)))
            }
        case .unary(let op, let operand):
            let value = evaluate(operand, scope: scope, depth: depth + 1)
            if op == "!", let bool = value.bool { return here(.scalar(bool ? "false" : "true")) }
            if op == "-", let text = value.string, let number = Double(text) {
                return here(.scalar(number == number.rounded() ? String(Int(-number)) : String(-number)))
            }
            return here(.unresolved("operator \(op)"))
        case .postfix(let base, let steps):
            return apply(steps, to: evaluate(base, scope: scope, depth: depth + 1), scope: scope, depth: depth)
        case .traversal(let root, let steps, _, _):
            let value = traverse(root: root, steps: steps, scope: scope, depth: depth)
            // Values of a `dynamic` iteration keep their own position (the list element that set them).
            if scope.contains(where: { $0.iterator == root }), value.line > 0 { return value }
            return here(value.kind)
        case .call(let name, let arguments, _, _):
            let values = arguments.map { evaluate($0, scope: scope, depth: depth + 1) }
            return here(call(name, values).kind)
        case .unknown(let text, _, _):
            return here(.unresolved(text))
        }
    }

    private func apply(_ steps: [HCLExpression.Step], to base: Node, scope: [Scope], depth: Int) -> Node {
        var value = base
        for step in steps {
            switch step {
            case .attribute(let name):
                guard let next = value[name] else { return .unresolved("attribute \(name)") }
                value = next
            case .index(let expression):
                let index = evaluate(expression, scope: scope, depth: depth + 1)
                if let items = value.items, let position = index.int, items.indices.contains(position) {
                    value = items[position]
                } else if let key = index.string, let next = value[key] {
                    value = next
                } else {
                    return .unresolved("index")
                }
            case .splat:
                return .unresolved("splat")
            }
        }
        return value
    }

    private func traverse(root: String, steps: [HCLExpression.Step], scope: [Scope], depth: Int) -> Node {
        func name(_ index: Int) -> String? {
            guard index < steps.count, case .attribute(let name) = steps[index] else { return nil }
            return name
        }
        if let iteration = scope.last(where: { $0.iterator == root }) {
            guard let first = name(0) else { return .unresolved(root) }
            let base = first == "key" ? iteration.key : first == "value" ? iteration.value : Node.unresolved("\(root).\(first)")
            return apply(Array(steps.dropFirst()), to: base, scope: scope, depth: depth)
        }
        switch root {
        case "var":
            guard let variable = name(0) else { return .unresolved("var") }
            guard let value = variables[variable] else { return .unresolved("var.\(variable) (no default)") }
            return apply(Array(steps.dropFirst()), to: evaluate(value, scope: [], depth: depth + 1), scope: scope, depth: depth)
        case "local":
            guard let local = name(0), let value = locals[local] else { return .unresolved("local") }
            return apply(Array(steps.dropFirst()), to: evaluate(value, scope: [], depth: depth + 1), scope: scope, depth: depth)
        case "data":
            if name(0) == "aws_iam_policy_document", let document = name(1), let block = policyDocuments[document], name(2) == "json" {
                return .scalar(policyDocument(block).jsonText)
            }
            return .unresolved("data source")
        case "each", "count", "path", "module", "terraform", "self":
            return .unresolved(root)
        default:
            guard let resourceName = name(0) else { return .unresolved(root) }
            let address = "\(root).\(resourceName)"
            guard let key = names[address] else { return .unresolved(address) }
            let attribute = name(1) ?? "id"
            if ["id", "arn", "name", "bucket", "identifier", "unique_id"].contains(attribute) {
                if root == "aws_iam_policy" && attribute == "arn" { return .scalar(CFNTemplate.managedPolicyArn(name: key)) }
                return .scalar(key)
            }
            if let resource = resources.first(where: { $0.address == address }), let value = resource.block.body.attribute(attribute)?.value {
                return evaluate(value, scope: [], depth: depth + 1)
            }
            return .unresolved("\(address).\(attribute)")
        }
    }

    private func call(_ name: String, _ values: [Node]) -> Node {
        switch name {
        case "jsonencode":
            guard let value = values.first else { return .unresolved(name) }
            return .scalar(value.jsonText)
        case "tostring", "tolist", "toset", "tomap", "sensitive", "nonsensitive", "trimspace":
            guard let value = values.first else { return .unresolved(name) }
            if name == "trimspace", let text = value.string { return .scalar(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return value
        case "lower", "upper":
            guard let text = values.first?.string else { return .unresolved(name) }
            return .scalar(name == "lower" ? text.lowercased() : text.uppercased())
        case "join":
            guard values.count == 2, let separator = values[0].string, let items = values[1].items else { return .unresolved(name) }
            let parts = items.compactMap(\.string)
            guard parts.count == items.count else { return .unresolved(name) }
            return .scalar(parts.joined(separator: separator))
        case "concat":
            var output: [Node] = []
            for value in values {
                guard let items = value.items else { return .unresolved(name) }
                output += items
            }
            return Node(.list(output))
        case "merge":
            var output: [Node.Entry] = []
            for value in values {
                guard let entries = value.entries else { return .unresolved(name) }
                for entry in entries {
                    output.removeAll { $0.key == entry.key }
                    output.append(entry)
                }
            }
            return Node(.map(output))
        case "format":
            guard var format = values.first?.string else { return .unresolved(name) }
            for value in values.dropFirst() {
                guard let text = value.string, let range = format.range(of: "%s") ?? format.range(of: "%d") else { return .unresolved(name) }
                format.replaceSubrange(range, with: text)
            }
            return .scalar(format)
        case "lookup":
            guard values.count >= 2, let key = values[1].string else { return .unresolved(name) }
            if let value = values[0][key] { return value }
            return values.count == 3 ? values[2] : .unresolved(name)
        case "coalesce":
            return values.first { $0.string.map { !$0.isEmpty } ?? false } ?? .unresolved(name)
        default:
            return .unresolved("\(name)()")
        }
    }

    /// Renders a `data "aws_iam_policy_document"` block as a policy document.
    func policyDocument(_ block: HCLBlock) -> Node {
        var statements: [Node] = []
        for statement in block.body.blocks where statement.type == "statement" {
            var entries: [Node.Entry] = []
            func add(_ key: String, _ value: Node) { entries.append(Node.Entry(key: key, keyLine: value.line, keyColumn: value.column, value: value)) }
            let body = statement.body
            if let sid = body.attribute("sid") { add("Sid", evaluate(sid.value)) }
            add("Effect", body.attribute("effect").map { evaluate($0.value) } ?? .scalar("Allow"))
            for (attribute, key) in [("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"), ("not_resources", "NotResource")] {
                if let value = body.attribute(attribute) { add(key, evaluate(value.value)) }
            }
            for (blockType, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
                var principals: [Node.Entry] = []
                for principal in statement.body.blocks where principal.type == blockType {
                    guard let type = principal.body.attribute("type").flatMap({ evaluate($0.value).string }),
                          let identifiers = principal.body.attribute("identifiers") else { continue }
                    principals.append(Node.Entry(key: type, keyLine: principal.line, keyColumn: principal.column, value: evaluate(identifiers.value)))
                }
                if !principals.isEmpty {
                    if principals.count == 1, principals[0].key == "*" { add(key, .scalar("*")) } else { add(key, Node(.map(principals))) }
                }
            }
            var conditions: [String: [Node.Entry]] = [:]
            var order: [String] = []
            for condition in statement.body.blocks where condition.type == "condition" {
                guard let test = condition.body.attribute("test").flatMap({ evaluate($0.value).string }),
                      let variable = condition.body.attribute("variable").flatMap({ evaluate($0.value).string }),
                      let values = condition.body.attribute("values") else { continue }
                if conditions[test] == nil { order.append(test) }
                conditions[test, default: []].append(Node.Entry(key: variable, keyLine: condition.line, keyColumn: condition.column, value: evaluate(values.value)))
            }
            if !order.isEmpty {
                add("Condition", Node(.map(order.map { Node.Entry(key: $0, keyLine: 0, keyColumn: 0, value: Node(.map(conditions[$0] ?? []))) })))
            }
            statements.append(Node(.map(entries), line: statement.line, column: statement.column))
        }
        return Node(.map([Node.Entry(key: "Version", keyLine: 0, keyColumn: 0, value: .scalar("2012-10-17")),
                          Node.Entry(key: "Statement", keyLine: 0, keyColumn: 0, value: Node(.list(statements)))]),
                    line: block.line, column: block.column)
    }

    /// A resource block evaluated into the shape of a plan's `values`: attributes, and nested
    /// blocks as lists of objects under their type, `dynamic` blocks expanded over literal collections.
    func values(of block: HCLBlock) -> Node {
        values(of: block.body, scope: [], line: block.line, column: block.column)
    }

    private func values(of body: HCLBody, scope: [Scope], line: Int, column: Int) -> Node {
        var entries: [Node.Entry] = []
        for attribute in body.attributes {
            entries.append(Node.Entry(key: attribute.name, keyLine: attribute.line, keyColumn: attribute.column,
                                      value: evaluate(attribute.value, scope: scope)))
        }
        var nested: [String: [Node]] = [:]
        var order: [String] = []
        func add(_ type: String, _ node: Node) {
            if nested[type] == nil { order.append(type) }
            nested[type, default: []].append(node)
        }
        for block in body.blocks {
            if block.type == "dynamic", let type = block.labels.first {
                let iterator = block.body.attribute("iterator").flatMap { attribute -> String? in
                    if case .traversal(let root, _, _, _) = attribute.value { return root }
                    return evaluate(attribute.value, scope: scope).string
                } ?? type
                guard let content = block.body.blocks.first(where: { $0.type == "content" }),
                      let collection = block.body.attribute("for_each").map({ evaluate($0.value, scope: scope) }) else { continue }
                var pairs: [(Node, Node)] = []
                if let items = collection.items {
                    pairs = items.enumerated().map { (Node.scalar(String($0.offset)), $0.element) }
                } else if let map = collection.entries {
                    pairs = map.map { (Node.scalar($0.key, line: $0.keyLine, column: $0.keyColumn), $0.value) }
                } else {
                    add(type, Node(.unresolved("dynamic \(type) over an unknown collection"), line: block.line, column: block.column))
                    continue
                }
                for (key, value) in pairs {
                    add(type, values(of: content.body, scope: scope + [Scope(iterator: iterator, key: key, value: value)],
                                     line: value.line, column: value.column))
                }
            } else {
                add(block.type, values(of: block.body, scope: scope, line: block.line, column: block.column))
            }
        }
        for type in order {
            entries.append(Node.Entry(key: type, keyLine: line, keyColumn: column, value: Node(.list(nested[type] ?? []), line: line, column: column)))
        }
        return Node(.map(entries), line: line, column: column)
    }
}
