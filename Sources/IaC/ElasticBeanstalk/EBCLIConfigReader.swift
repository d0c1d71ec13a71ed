import Inventory

/// Reads `.elasticbeanstalk/config.yml`: the environment the folder deploys to (`branch-defaults`),
/// the application, default region and profile. It names the folder's environment.
enum EBCLIConfigReader {
    static func read(text: String, path: String, app: AppRoot?) -> FileOutput {
        var output = FileOutput()
        guard let root = output.mapping(text, path: path, notMapping: "EB CLI configuration is not a mapping") else { return output }
        var contribution = AppContribution(root: app?.display ?? path, folderName: app?.folderName ?? "app")
        let branches = root["branch-defaults"]?.entries ?? []
        let preferred = branches.first { $0.key == "main" } ?? branches.first { $0.key == "master" }
            ?? branches.first { $0.key == "default" } ?? branches.first
        if let environment = preferred?.value["environment"]?.string {
            contribution.environmentName = environment
            contribution.origin = .file(path, line: preferred?.value["environment"]?.line, column: preferred?.value["environment"]?.column)
        } else {
            contribution.origin = .file(path, line: 1, column: 1)
        }
        let global = root["global"]
        contribution.applicationName = global?["application_name"]?.string
        contribution.region = global?["default_region"]?.string
        contribution.profile = global?["profile"]?.string
        contribution.platform = global?["default_platform"]?.string
        if app != nil { output.app = contribution }
        var secrets: [LocatedSecret] = []
        SecretWalk.scan(root, file: path, into: &secrets)
        output.addArtifact(CodeArtifact(path: path, kind: .ebCLIConfig, secrets: secrets))
        return output
    }
}
