import Inventory

/// Reads `terraform show -json` plans: `planned_values.root_module` and its child modules'
/// `resources[].values`, mapped by the same code as HCL resources.
///
/// Values that are unknown until apply (ids of resources to be created) are absent from
/// `planned_values`; the plan's `configuration` section still names what they reference, so an
/// attribute such as `vpc_security_group_ids = [aws_security_group.db.id]` resolves to that group's
/// inventory name, as it does in HCL. Anything else unknown stays unresolved.
enum TerraformPlanReader {
    struct Planned {
        var address: String
        var type: String
        var name: String
        var values: Node
        var node: Node
    }

    static func read(bytes: [UInt8], path: String) -> FileOutput {
        var output = FileOutput()
        let root: Node
        do {
            root = try JSONReader.parse(bytes: bytes)
        } catch {
            output.problem(path, error)
            return output
        }
        guard let module = root["planned_values"]?["root_module"] else {
            output.problem(path, line: root.line, column: root.column, "Terraform plan without planned_values.root_module")
            return output
        }
        var planned: [Planned] = []
        collect(module, into: &planned, depth: 0)
        var references: [String: Node] = [:]
        if let configuration = root["configuration"]?["root_module"] { collectConfiguration(configuration, prefix: "", into: &references, depth: 0) }

        var names: [String: String] = [:]
        for resource in planned {
            var name = "\(path)#\(resource.name)"
            if !["aws_security_group", "aws_kms_key"].contains(resource.type) {
                for attribute in TerraformModule.nameAttributes {
                    if let value = resource.values[attribute]?.string { name = value; break }
                }
            }
            names["\(resource.type).\(resource.name)"] = name
        }
        var items: [TerraformMapper.Item] = []
        var secrets: [LocatedSecret] = []
        for resource in planned {
            let expressions = references[configurationAddress(resource.address)]
            let values = fill(resource.values, expressions: expressions, names: names)
            items.append(TerraformMapper.Item(type: resource.type, name: resource.name, values: values, line: resource.node.line, column: resource.node.column))
            SecretWalk.scan(resource.values, file: path, into: &secrets)
        }
        TerraformMapper(path: path, names: names).map(items, into: &output, secrets: &secrets)
        output.addArtifact(CodeArtifact(path: path, kind: .terraformPlan, environmentName: output.inventory.environments.first?.name,
                                        secrets: CloudFormationReader.unique(secrets)))
        return output
    }

    private static func collect(_ module: Node, into planned: inout [Planned], depth: Int) {
        guard depth < 32 else { return }
        for resource in module["resources"]?.items ?? [] {
            guard resource["mode"]?.string != "data", let type = resource["type"]?.string, let name = resource["name"]?.string,
                  let values = resource["values"] else { continue }
            planned.append(Planned(address: resource["address"]?.string ?? "\(type).\(name)", type: type, name: name, values: values, node: resource))
        }
        for child in module["child_modules"]?.items ?? [] { collect(child, into: &planned, depth: depth + 1) }
    }

    private static func collectConfiguration(_ module: Node, prefix: String, into references: inout [String: Node], depth: Int) {
        guard depth < 32 else { return }
        for resource in module["resources"]?.items ?? [] {
            guard let address = resource["address"]?.string, let expressions = resource["expressions"] else { continue }
            references[prefix + address] = expressions
        }
        for call in module["module_calls"]?.entries ?? [] {
            if let child = call.value["module"] {
                collectConfiguration(child, prefix: prefix + "module.\(call.key).", into: &references, depth: depth + 1)
            }
        }
    }

    /// `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b` (configuration addresses have no instance keys).
    private static func configurationAddress(_ address: String) -> String {
        var output = ""
        var inBracket = false
        for character in address {
            if character == "[" { inBracket = true; continue }
            if character == "]" { inBracket = false; continue }
            if !inBracket { output.append(character) }
        }
        return output
    }

    /// The resources an expression references (`aws_security_group.db`), as inventory names.
    private static func referencedNames(_ expression: Node?, names: [String: String]) -> [String]? {
        guard let references = expression?["references"]?.items?.compactMap(\.string) else { return nil }
        var found: [String] = []
        for reference in references {
            guard reference.split(separator: ".").count == 2, let name = names[reference] else { continue }
            if !found.contains(name) { found.append(name) }
        }
        return found
    }

    private static let listAttributes: Set<String> = ["vpc_security_group_ids", "security_groups", "cidr_blocks", "subnet_ids", "managed_policy_arns", "roles"]

    /// Fills attributes that are unknown in the plan from the configuration's references.
    private static func fill(_ values: Node, expressions: Node?, names: [String: String]) -> Node {
        guard var entries = values.entries, let expressions else { return values }
        for (index, entry) in entries.enumerated() {
            if entry.key == "setting", let planned = entry.value.items {
                let configured = expressions["setting"]?.items ?? []
                var settings: [Node] = []
                for setting in planned {
                    guard setting["value"] == nil || setting["value"]?.isNull == true, var fields = setting.entries else { settings.append(setting); continue }
                    let match = configured.first {
                        $0["namespace"]?["constant_value"]?.string == setting["namespace"]?.string && $0["name"]?["constant_value"]?.string == setting["name"]?.string
                    }
                    let resolved = referencedNames(match?["value"], names: names) ?? []
                    let value: Node = resolved.isEmpty ? .unresolved("unknown until apply", line: setting.line, column: setting.column)
                        : .scalar(resolved.joined(separator: ","), line: setting.line, column: setting.column)
                    fields.removeAll { $0.key == "value" }
                    fields.append(Node.Entry(key: "value", keyLine: setting.line, keyColumn: setting.column, value: value))
                    settings.append(Node(.map(fields), line: setting.line, column: setting.column))
                }
                entries[index].value = Node(.list(settings), line: entry.value.line, column: entry.value.column)
                continue
            }
            guard entry.value.isNull, let resolved = referencedNames(expressions[entry.key], names: names), !resolved.isEmpty else { continue }
            let position = (entry.value.line, entry.value.column)
            entries[index].value = listAttributes.contains(entry.key)
                ? Node(.list(resolved.map { Node.scalar($0, line: position.0, column: position.1) }), line: position.0, column: position.1)
                : .scalar(resolved[0], line: position.0, column: position.1)
        }
        // Attributes absent from the plan (unknown) but referenced in the configuration.
        for entry in expressions.entries ?? [] where values[entry.key] == nil && entry.key != "setting" {
            guard let resolved = referencedNames(entry.value, names: names), !resolved.isEmpty else { continue }
            let value: Node = listAttributes.contains(entry.key)
                ? Node(.list(resolved.map { Node.scalar($0, line: values.line, column: values.column) }), line: values.line, column: values.column)
                : .scalar(resolved[0], line: values.line, column: values.column)
            entries.append(Node.Entry(key: entry.key, keyLine: values.line, keyColumn: values.column, value: value))
        }
        return Node(.map(entries), line: values.line, column: values.column)
    }
}
