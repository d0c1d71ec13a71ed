import Inventory

/// Reads `.elasticbeanstalk/saved_configs/*.cfg.yml`: option settings (map form) at the
/// saved-configuration layer, the platform, tier and tags.
enum SavedConfigurationReader {
    static func read(text: String, path: String, app: AppRoot?) -> FileOutput {
        var output = FileOutput()
        guard let root = output.mapping(text, path: path, notMapping: "saved configuration is not a mapping") else { return output }
        var secrets: [LocatedSecret] = []
        let template = CFNTemplate(root: Node(.map([])), path: path)
        let settings = EbextensionsReader.optionSettings(root["OptionSettings"], template: template, layer: .savedConfiguration,
                                                         path: path, secrets: &secrets)
        let fileName = String(path.split(separator: "/").last ?? "saved")
        let name = fileName.hasSuffix(".cfg.yml") ? String(fileName.dropLast(8)) : fileName
        output.inventory.configurationTemplates[name] = ConfigurationTemplate(name: name, optionSettings: OptionSettings(settings),
                                                                             origin: .file(path, line: 1, column: 1))
        var contribution = AppContribution(root: app?.display ?? path, folderName: app?.folderName ?? name)
        contribution.settings = settings
        contribution.platform = root["Platform"]?["PlatformArn"]?.string ?? root["SolutionStack"]?.string
        contribution.tier = root["EnvironmentTier"]?["Name"]?.string
        if let tags = root["Tags"]?.entries {
            contribution.tags = Dictionary(tags.map { ($0.key, $0.value.string ?? "") }, uniquingKeysWith: { _, last in last })
        }
        if app != nil { output.app = contribution }
        output.addArtifact(CodeArtifact(path: path, kind: .savedConfiguration, secrets: CloudFormationReader.unique(secrets)))
        return output
    }
}
