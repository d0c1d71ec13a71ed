import Foundation

/// Static evaluation of CloudFormation intrinsic functions.
extension CFNTemplate {
    /// Evaluates every intrinsic in `node`. The result keeps `node`'s position; parts that cannot be
    /// known statically become `.unresolved` with a description such as `Ref DBPassword (NoEcho)`.
    func resolve(_ node: Node) -> Node {
        resolve(node, depth: 0)
    }

    /// Resolves `node` to text, or `nil` when it is not a known scalar.
    func string(_ node: Node?) -> String? {
        guard let node else { return nil }
        return resolve(node).string
    }

    private func resolve(_ node: Node, depth: Int) -> Node {
        evaluated(node, depth: depth) ?? node
    }

    /// `node` with its intrinsics evaluated, or `nil` when nothing in it changes: most of a
    /// template is plain data, and rebuilding every list and map of it cost more than evaluating.
    private func evaluated(_ node: Node, depth: Int) -> Node? {
        guard depth < 64 else { return Node.unresolved("too deep", line: node.line, column: node.column) }
        switch node.kind {
        case .scalar, .null, .unresolved:
            return nil
        case .list(let items):
            var out: [Node]?
            for index in items.indices {
                let changed = evaluated(items[index], depth: depth + 1)
                let value = changed ?? items[index]
                let removed = Self.isNoValue(value)
                if out == nil {
                    if changed == nil && !removed { continue }
                    var head: [Node] = []
                    head.reserveCapacity(items.count)
                    head.append(contentsOf: items[..<index])
                    out = head
                }
                if !removed { out!.append(value) }
            }
            return out.map { Node(.list($0), line: node.line, column: node.column) }
        case .map(let entries):
            if entries.count == 1, let result = intrinsic(entries[0], at: node, depth: depth) {
                return result
            }
            var out: [Node.Entry]?
            for index in entries.indices {
                let entry = entries[index]
                let changed = evaluated(entry.value, depth: depth + 1)
                let value = changed ?? entry.value
                let removed = Self.isNoValue(value)
                if out == nil {
                    if changed == nil && !removed { continue }
                    var head: [Node.Entry] = []
                    head.reserveCapacity(entries.count)
                    head.append(contentsOf: entries[..<index])
                    out = head
                }
                if !removed { out!.append(Node.Entry(key: entry.key, keyLine: entry.keyLine, keyColumn: entry.keyColumn, value: value)) }
            }
            return out.map { Node(.map($0), line: node.line, column: node.column) }
        }
    }

    private static func isNoValue(_ node: Node) -> Bool {
        if case .unresolved(let text) = node.kind, text == noValueMarker { return true }
        return false
    }

    private func located(_ kind: Node.Kind, _ at: Node) -> Node { Node(kind, line: at.line, column: at.column) }

    private func intrinsic(_ entry: Node.Entry, at node: Node, depth: Int) -> Node? {
        let argument = entry.value
        switch entry.key {
        case "Ref":
            guard let name = resolve(argument, depth: depth + 1).string else { return located(.unresolved("Ref"), node) }
            return reference(name, at: node)
        case "Fn::GetAtt":
            var parts: [String] = []
            if let text = argument.string {
                parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            } else if let items = argument.items {
                parts = items.compactMap { resolve($0, depth: depth + 1).string }
            }
            guard parts.count == 2 else { return located(.unresolved("Fn::GetAtt"), node) }
            return attribute(parts[0], parts[1], at: node)
        case "Fn::Sub":
            return substitute(argument, at: node, depth: depth)
        case "Fn::Join":
            guard let items = argument.items, items.count == 2, let delimiter = resolve(items[0], depth: depth + 1).string else {
                return located(.unresolved("Fn::Join"), node)
            }
            let list = resolve(items[1], depth: depth + 1)
            guard let values = list.items else { return located(.unresolved("Fn::Join over \(describe(list))"), node) }
            var parts: [String] = []
            for value in values {
                guard let text = value.string else { return located(.unresolved("Fn::Join over \(describe(value))"), node) }
                parts.append(text)
            }
            return located(.scalar(parts.joined(separator: delimiter)), node)
        case "Fn::If":
            guard let items = argument.items, items.count == 3, let name = items[0].string else {
                return located(.unresolved("Fn::If"), node)
            }
            guard let decided = condition(named: name, depth: depth + 1) else {
                return located(.unresolved("Fn::If \(name) (condition not decidable)"), node)
            }
            return resolve(decided ? items[1] : items[2], depth: depth + 1)
        case "Fn::FindInMap":
            guard let items = argument.items, items.count >= 3 else { return located(.unresolved("Fn::FindInMap"), node) }
            let keys = items.prefix(3).map { resolve($0, depth: depth + 1).string }
            guard let map = keys[0], let top = keys[1], let second = keys[2] else {
                return located(.unresolved("Fn::FindInMap with an unresolved key"), node)
            }
            if let value = mappings?[map]?[top]?[second] { return resolve(value, depth: depth + 1) }
            if items.count == 4, let fallback = items[3]["DefaultValue"] { return resolve(fallback, depth: depth + 1) }
            return located(.unresolved("Fn::FindInMap \(map)/\(top)/\(second) not found"), node)
        case "Fn::Select":
            guard let items = argument.items, items.count == 2, let index = resolve(items[0], depth: depth + 1).int else {
                return located(.unresolved("Fn::Select"), node)
            }
            let list = resolve(items[1], depth: depth + 1)
            guard let values = list.items, values.indices.contains(index) else { return located(.unresolved("Fn::Select"), node) }
            return values[index]
        case "Fn::Split":
            guard let items = argument.items, items.count == 2, let delimiter = resolve(items[0], depth: depth + 1).string,
                  !delimiter.isEmpty, let text = resolve(items[1], depth: depth + 1).string else {
                return located(.unresolved("Fn::Split"), node)
            }
            return located(.list(text.components(separatedBy: delimiter).map { located(.scalar($0), node) }), node)
        case "Fn::Base64":
            // Kept as plain text: user data is reviewed as text, not as its encoding.
            return resolve(argument, depth: depth + 1)
        case "Fn::ImportValue":
            return located(.unresolved("Fn::ImportValue \(resolve(argument, depth: depth + 1).string ?? "")"), node)
        case "Fn::GetAZs", "Fn::Cidr", "Fn::Length", "Fn::ToJsonString", "Fn::Transform", "Fn::GetOptionSetting":
            if entry.key == "Fn::GetOptionSetting", let fallback = argument["DefaultValue"] {
                return resolve(fallback, depth: depth + 1)
            }
            return located(.unresolved(entry.key), node)
        case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
            guard let value = evaluateCondition(Node(.map([entry]), line: node.line, column: node.column), depth: depth + 1) else {
                return located(.unresolved(entry.key), node)
            }
            return located(.scalar(value ? "true" : "false"), node)
        default:
            return nil
        }
    }

    private func describe(_ node: Node) -> String {
        if case .unresolved(let text) = node.kind { return text }
        return "a non-scalar value"
    }

    /// `Ref`: a parameter's default, a resource's inventory name, a known pseudo parameter.
    private func reference(_ name: String, at node: Node) -> Node {
        if let parameter = parameters[name] {
            if parameter.noEcho { return located(.unresolved("Ref \(name) (NoEcho parameter)"), node) }
            guard let value = parameter.defaultValue else { return located(.unresolved("Ref \(name) (parameter without default)"), node) }
            let resolved = resolve(value)
            if case .unresolved = resolved.kind { return located(resolved.kind, node) }
            return Node(resolved.kind, line: node.line, column: node.column)
        }
        if resourcesById[name] != nil { return located(.scalar(self.name(of: name)), node) }
        if let prefix = externalPrefix, name.hasPrefix(prefix) { return located(.scalar(name), node) }
        switch name {
        case "AWS::NoValue": return located(.unresolved(noValueMarker), node)
        case "AWS::Partition": return located(.scalar("aws"), node)
        case "AWS::URLSuffix": return located(.scalar("amazonaws.com"), node)
        default: return located(.unresolved("Ref \(name)"), node)
        }
    }

    /// `Fn::GetAtt`: names and ARNs of declared resources resolve to their inventory name, so that
    /// an option such as `IamInstanceProfile: !GetAtt Profile.Arn` joins the profile; anything
    /// computed at deploy time (endpoints, ids) is unresolved.
    private func attribute(_ logicalId: String, _ attribute: String, at node: Node) -> Node {
        let joinable: Set<String> = ["Arn", "GroupId", "Id", "Name", "RoleId", "KeyId", "PolicyArn"]
        if resource(logicalId) == nil, let prefix = externalPrefix, logicalId.hasPrefix(prefix), joinable.contains(attribute) {
            return located(.scalar(logicalId), node)
        }
        guard let resource = resource(logicalId) else { return located(.unresolved("Fn::GetAtt \(logicalId).\(attribute)"), node) }
        if joinable.contains(attribute) {
            if resource.type == "AWS::IAM::ManagedPolicy" { return located(.scalar(Self.managedPolicyArn(name: name(of: logicalId))), node) }
            return located(.scalar(name(of: logicalId)), node)
        }
        return located(.unresolved("Fn::GetAtt \(logicalId).\(attribute)"), node)
    }

    /// `Fn::Sub`: `${Param}`, `${Resource}`, `${Resource.Attr}`, `${!Literal}` and the variables map.
    private func substitute(_ argument: Node, at node: Node, depth: Int) -> Node {
        var template: String?
        var variables: [String: Node] = [:]
        if let text = argument.string {
            template = text
        } else if let items = argument.items, !items.isEmpty {
            template = items[0].string
            if items.count > 1, let entries = items[1].entries {
                for entry in entries { variables[entry.key] = resolve(entry.value, depth: depth + 1) }
            }
        }
        guard let template else { return located(.unresolved("Fn::Sub"), node) }
        // Byte scan for `${…}`: templates are short, and Foundation's searches are slow on Linux.
        let bytes = Array(template.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
                  let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            index = close + 1
            if name.hasPrefix("!") {
                output += Array("${".utf8) + Array(name.utf8.dropFirst()) + [UInt8(ascii: "}")]
                continue
            }
            let value: Node
            if let variable = variables[name] {
                value = variable
            } else if let dot = name.firstIndex(of: "."), parameters[name] == nil {
                value = attribute(String(name[..<dot]), String(name[name.index(after: dot)...]), at: node)
            } else {
                value = reference(name, at: node)
            }
            guard let text = value.string else {
                return located(.unresolved("Fn::Sub \(describe(value))"), node)
            }
            output += Array(text.utf8)
        }
        return located(.scalar(String(decoding: output, as: UTF8.self)), node)
    }

    /// Evaluates a named condition from the `Conditions` section; `nil` when undecidable.
    func condition(named name: String, depth: Int = 0) -> Bool? {
        guard depth < 32, let node = conditions[name] else { return nil }
        return evaluateCondition(node, depth: depth + 1)
    }

    private func evaluateCondition(_ node: Node, depth: Int) -> Bool? {
        guard depth < 32, let entry = node.singleEntry else { return node.bool }
        let items = entry.value.items ?? []
        switch entry.key {
        case "Fn::Equals":
            guard items.count == 2 else { return nil }
            let left = resolve(items[0], depth: depth + 1)
            let right = resolve(items[1], depth: depth + 1)
            guard let lhs = left.string, let rhs = right.string else { return nil }
            return lhs == rhs
        case "Fn::Not":
            guard items.count == 1, let value = evaluateCondition(items[0], depth: depth + 1) else { return nil }
            return !value
        case "Fn::And":
            var sawUnknown = false
            for item in items {
                switch evaluateCondition(item, depth: depth + 1) {
                case .some(false): return false
                case .none: sawUnknown = true
                default: break
                }
            }
            return sawUnknown ? nil : true
        case "Fn::Or":
            var sawUnknown = false
            for item in items {
                switch evaluateCondition(item, depth: depth + 1) {
                case .some(true): return true
                case .none: sawUnknown = true
                default: break
                }
            }
            return sawUnknown ? nil : false
        case "Condition":
            guard let name = entry.value.string else { return nil }
            return condition(named: name, depth: depth + 1)
        default:
            return resolve(node, depth: depth + 1).bool
        }
    }
}
