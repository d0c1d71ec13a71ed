import Inventory

/// Reads a Terraform HCL file (`*.tf`): resources are evaluated statically (variable defaults,
/// locals, references between resources of the file) and mapped like plan values.
enum TerraformReader {
    static func read(text: String, path: String) -> FileOutput {
        var output = FileOutput()
        let body: HCLBody
        do {
            body = try HCLParser.parse(text)
        } catch {
            output.problem(path, error)
            return output
        }
        let module = TerraformModule(body: body, path: path)
        var items: [TerraformMapper.Item] = []
        var secrets: [LocatedSecret] = []
        for resource in module.resources {
            let values = module.values(of: resource.block)
            items.append(TerraformMapper.Item(type: resource.type, name: resource.name, values: values,
                                              line: resource.block.line, column: resource.block.column))
            SecretWalk.scan(values, file: path, into: &secrets)
        }
        for (name, value) in module.variables.sorted(by: { $0.key < $1.key }) {
            let evaluated = module.evaluate(value)
            SecretWalk.scan(Node(.map([Node.Entry(key: name, keyLine: evaluated.line, keyColumn: evaluated.column, value: evaluated)])),
                            file: path, into: &secrets)
        }
        TerraformMapper(path: path, names: module.names).map(items, into: &output, secrets: &secrets)
        output.addArtifact(CodeArtifact(path: path, kind: .terraform, environmentName: output.inventory.environments.first?.name,
                                        secrets: CloudFormationReader.unique(secrets)))
        return output
    }
}
