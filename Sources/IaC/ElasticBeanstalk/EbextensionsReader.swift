import Inventory

/// Reads `.ebextensions/*.config` (YAML or JSON): option settings at the configuration-file layer,
/// `Resources:` (security groups and rules the bundle adds), and the privileged code a bundle runs:
/// `files:`, `commands:`, `container_commands:`, `packages:`, `sources:`.
enum EbextensionsReader {
    static func read(text: String, path: String, app: AppRoot?) -> FileOutput {
        var output = FileOutput()
        let root: Node
        do {
            let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
            root = trimmed.first == "{" ? try JSONReader.parse(text) : try YAMLReader.parse(text)
        } catch {
            output.problem(path, error)
            return output
        }
        if root.isNull { return output }
        guard root.entries != nil else {
            output.problem(path, line: root.line, column: root.column, "configuration file is not a mapping of keys (option_settings, files, commands, …)")
            return output
        }
        var template = CFNTemplate(root: root, path: path)
        template.externalPrefix = "AWSEB"
        var secrets: [LocatedSecret] = []
        var contribution = AppContribution(root: app?.display ?? path, folderName: app?.folderName ?? "app")
        contribution.settings = optionSettings(root["option_settings"], template: template, layer: .configurationFile, path: path, secrets: &secrets)
        template.map(into: &output, secrets: &secrets)
        // Rules added to the security group Elastic Beanstalk creates for the instances: keyed per
        // application folder, and joined to its environment through a launch configuration.
        if var group = output.inventory.securityGroups.removeValue(forKey: "AWSEBSecurityGroup") {
            let key = "AWSEBSecurityGroup@" + contribution.root
            group.id = key
            group.name = "AWSEBSecurityGroup"
            output.inventory.securityGroups[key] = group
            contribution.managedSecurityGroup = key
        }
        if let resources = root["Resources"] { SecretWalk.scan(resources, file: path, into: &secrets) }

        let rawLines = TextLines.split(text)
        var lines: [CodeLine] = []
        var reader = CodeReader(path: path, rawLines: rawLines)
        reader.resourceLines(template: template, into: &lines)
        for entry in root["files"]?.entries ?? [] { reader.file(entry, into: &lines, secrets: &secrets) }
        for entry in root["commands"]?.entries ?? [] { reader.command(entry, context: "command", into: &lines, secrets: &secrets) }
        for entry in root["container_commands"]?.entries ?? [] { reader.command(entry, context: "container_command", into: &lines, secrets: &secrets) }
        for manager in root["packages"]?.entries ?? [] {
            for package in manager.value.entries ?? [] {
                let version = package.value.string ?? package.value.items?.compactMap(\.string).joined(separator: ",") ?? ""
                lines.append(TextLines.codeLine(Substring("\(manager.key): \(package.key) \(version)"), context: "package", file: path,
                                                line: package.keyLine, column: package.keyColumn))
            }
        }
        for source in root["sources"]?.entries ?? [] {
            lines.append(TextLines.codeLine(Substring("\(source.key): \(source.value.string ?? "")"), context: "source", file: path,
                                            line: source.keyLine, column: source.keyColumn))
        }
        if app != nil { output.app = contribution }
        output.addArtifact(CodeArtifact(path: path, kind: .ebextensionsConfig, lines: lines, secrets: CloudFormationReader.unique(secrets)))
        return output
    }

    /// `option_settings` in the list form (`- namespace: … option_name: … value: …`, namespace
    /// defaulting to environment properties, optional `resource_name`) or the map form
    /// (`aws:namespace: {Option: value}`). Later occurrences override earlier ones.
    static func optionSettings(_ node: Node?, template: CFNTemplate, layer: SettingLayer, path: String,
                               secrets: inout [LocatedSecret]) -> [OptionSetting] {
        guard let node else { return [] }
        var settings: [OptionSetting] = []
        if let items = node.items {
            for item in items {
                guard let option = template.string(item["option_name"]) else { continue }
                let namespace = template.string(item["namespace"]) ?? OptionValues.environmentNamespace
                let raw = item["value"]
                let value = raw.map { template.resolve(backtickFunction($0)) }
                settings.append(OptionValues.setting(namespace: namespace, option: option, value: value,
                                                     resource: template.string(item["resource_name"]), layer: layer,
                                                     origin: .file(path, line: (raw ?? item).line, column: (raw ?? item).column),
                                                     secrets: &secrets))
            }
        } else if let namespaces = node.entries {
            for namespace in namespaces {
                for option in namespace.value.entries ?? [] {
                    let value = template.resolve(backtickFunction(option.value))
                    settings.append(OptionValues.setting(namespace: namespace.key, option: option.key, value: value, layer: layer,
                                                         origin: .file(path, line: option.keyLine, column: option.keyColumn),
                                                         secrets: &secrets))
                }
            }
        }
        return OptionValues.deduplicated(settings)
    }
}

/// Option values may embed a function in backticks: `` '`{"Fn::GetOptionSetting": {…}}`' ``.
/// The JSON inside is read so the value resolves like any intrinsic (here: unresolved, or its default).
private func backtickFunction(_ node: Node) -> Node {
    guard let text = node.string, text.count > 2, text.hasPrefix("`"), text.hasSuffix("`"),
          let parsed = try? JSONReader.parse(String(text.dropFirst().dropLast())), parsed.singleEntry != nil else { return node }
    return Node(parsed.kind, line: node.line, column: node.column)
}

/// Turns `files:`/`commands:` entries into located code lines.
private struct CodeReader {
    let path: String
    let rawLines: [Substring]

    /// Where the text of a scalar starts: block scalars (`|`, `>`) start on the next line.
    private func firstLine(of node: Node) -> (line: Int, isBlock: Bool) {
        guard node.line >= 1, node.line <= rawLines.count else { return (node.line, false) }
        let raw = rawLines[node.line - 1]
        let index = raw.unicodeScalars.index(raw.unicodeScalars.startIndex, offsetBy: max(0, node.column - 1),
                                            limitedBy: raw.unicodeScalars.endIndex) ?? raw.unicodeScalars.endIndex
        if index < raw.unicodeScalars.endIndex, raw.unicodeScalars[index] == "|" || raw.unicodeScalars[index] == ">" {
            return (node.line + 1, true)
        }
        return (node.line, false)
    }

    /// The column where `text` appears on `line` in the raw file, or `fallback`.
    private func column(of text: Substring, line: Int, fallback: Int) -> Int {
        guard line >= 1, line <= rawLines.count, !text.isEmpty, let range = rawLines[line - 1].range(of: text) else { return fallback }
        return rawLines[line - 1].distance(from: rawLines[line - 1].startIndex, to: range.lowerBound) + 1
    }

    private func emit(_ text: String, node: Node, context: String, into lines: inout [CodeLine], secrets: inout [LocatedSecret]) {
        let start = firstLine(of: node)
        for (offset, line) in TextLines.split(text).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty else { continue }
            let number = start.isBlock ? start.line + offset : node.line
            let column = column(of: trimmed, line: number, fallback: node.column)
            lines.append(TextLines.codeLine(trimmed, context: context, file: path, line: number, column: column))
            TextLines.scanSecrets(trimmed, file: path, line: number, column: column, into: &secrets)
        }
    }

    mutating func file(_ entry: Node.Entry, into lines: inout [CodeLine], secrets: inout [LocatedSecret]) {
        let spec = entry.value
        if let content = spec["content"] {
            if let text = content.string {
                emit(text, node: content, context: "file-content", into: &lines, secrets: &secrets)
            } else if !content.isNull {
                // JSON/YAML structure written as the file's content.
                emit(content.jsonText, node: content, context: "file-content", into: &lines, secrets: &secrets)
            }
        }
        if let mode = spec["mode"], let text = mode.string {
            lines.append(TextLines.codeLine(Substring("\(entry.key) mode: \(text)"), context: "file-mode", file: path,
                                            line: mode.line, column: mode.column))
        }
        if let source = spec["source"], let text = source.string {
            lines.append(TextLines.codeLine(Substring("\(entry.key) source: \(text)"), context: "file-source", file: path,
                                            line: source.line, column: source.column))
        }
    }

    mutating func command(_ entry: Node.Entry, context: String, into lines: inout [CodeLine], secrets: inout [LocatedSecret]) {
        guard let command = entry.value["command"] else { return }
        if let text = command.string {
            emit(text, node: command, context: context, into: &lines, secrets: &secrets)
        } else if let items = command.items {
            let text = items.compactMap(\.string).joined(separator: " ")
            lines.append(TextLines.codeLine(Substring(text), context: context, file: path, line: command.line, column: command.column))
            TextLines.scanSecrets(Substring(text), file: path, line: command.line, column: command.column, into: &secrets)
        }
        for variable in entry.value["env"]?.entries ?? [] {
            if let value = variable.value.string, let hit = OptionValues.classify(namespace: OptionValues.environmentNamespace, option: variable.key, value: value) {
                secrets.append(LocatedSecret(hit: hit, origin: .file(path, line: variable.value.line, column: variable.value.column)))
            }
        }
    }

    /// Security group rules that `Resources:` open to the world are privileged changes worth a line.
    func resourceLines(template: CFNTemplate, into lines: inout [CodeLine]) {
        for resource in template.resources {
            let properties = template.resolve(resource.properties)
            var rules: [Node] = []
            if resource.type == "AWS::EC2::SecurityGroupIngress" { rules = [properties] }
            if resource.type == "AWS::EC2::SecurityGroup" { rules = properties["SecurityGroupIngress"]?.items ?? [] }
            for rule in rules {
                let cidr = rule["CidrIp"]?.string ?? rule["CidrIpv6"]?.string
                guard cidr == "0.0.0.0/0" || cidr == "::/0" else { continue }
                let ports = [rule["FromPort"]?.string, rule["ToPort"]?.string].compactMap { $0 }.joined(separator: "-")
                let text = "\(resource.logicalId): \(resource.type) \(rule["IpProtocol"]?.string ?? "-1") \(ports) from \(cidr ?? "")"
                lines.append(CodeLine(text: text, context: "resource", origin: .file(path, line: rule.line, column: rule.column)))
            }
        }
    }
}
