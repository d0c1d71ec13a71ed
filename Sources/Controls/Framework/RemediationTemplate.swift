/// A control's fix prepared once per evaluation, so that specialising it for each failing
/// environment only fills in the environment's name and region.
///
/// Why: every failing finding carries its fix with the environment's `update-environment` command;
/// quoting the option settings and searching the commands for placeholders again for each of
/// hundreds of thousands of findings cost more than many controls' logic. The result is exactly
/// `Remediation.specialized(environment:region:)`'s (a test compares them for every control).
struct RemediationTemplate: Sendable {
    let remediation: Remediation
    /// `--option-settings …`, the part of the CLI command that does not depend on the environment.
    private let optionSettingsArgument: String?
    /// Per command: whether it names a placeholder (`ENV_NAME`, `REGION`) at all.
    private let commandHasPlaceholder: [Bool]

    init(_ remediation: Remediation) {
        self.remediation = remediation
        optionSettingsArgument = remediation.optionSettings.isEmpty ? nil : RemediationText.optionSettingsArgument(remediation.optionSettings)
        commandHasPlaceholder = remediation.commands.map { FastText.contains($0, "ENV_NAME") || FastText.contains($0, "REGION") }
    }

    /// `remediation.specialized(environment:region:)`.
    func specialized(environment: String, region: String?) -> Remediation {
        var copy = remediation
        if let optionSettingsArgument {
            copy.cli = RemediationText.cliCommand(optionSettingsArgument: optionSettingsArgument, environment: environment, region: region)
        }
        if commandHasPlaceholder.contains(true) {
            for (position, command) in remediation.commands.enumerated() where commandHasPlaceholder[position] {
                copy.commands[position] = Remediation.specialize(command, environment: environment, region: region)
            }
        }
        return copy
    }
}
