import Inventory

/// Reads a CloudFormation template (YAML or JSON) into inventory facts.
enum CloudFormationReader {
    static func read(text: String, path: String, json: Bool) -> FileOutput {
        var output = FileOutput()
        let root: Node
        do {
            root = json ? try JSONReader.parse(text) : try YAMLReader.parse(text)
        } catch {
            output.problem(path, error)
            return output
        }
        guard root.entries != nil else {
            output.problem(path, line: root.line, column: root.column, "not a CloudFormation template: the top level is not a mapping")
            return output
        }
        if root["Resources"]?.entries == nil {
            output.problem(path, line: root.line, column: root.column, "CloudFormation template without a Resources mapping")
        }
        let template = CFNTemplate(root: root, path: path)
        var secrets: [LocatedSecret] = []
        template.map(into: &output, secrets: &secrets)
        SecretWalk.scan(root, file: path, into: &secrets)
        output.addArtifact(CodeArtifact(path: path, kind: .cloudFormation, environmentName: output.inventory.environments.first?.name,
                                        secrets: unique(secrets)))
        return output
    }

    /// One located secret per position (a value found both as an option and by the walk).
    static func unique(_ secrets: [LocatedSecret]) -> [LocatedSecret] {
        var seen = Set<Origin>()
        return secrets.filter { seen.insert($0.origin).inserted }
    }
}
