import Inventory

extension Control {
    /// EB-DATA-013: instance root volumes are encrypted.
    static let rootVolumesEncrypted = Control(
        id: "EB-DATA-013", layer: .data, severity: .medium,
        title: "Instance root volumes are encrypted",
        rationale: "Root volumes hold the deployed application, its logs and anything written to disk; account default EBS encryption or encrypted block device mappings protect them and their snapshots.",
        references: [.seed("003_d0be057354991c31.txt"), .securityHub("EC2.7"), .awsConfig("ec2-ebs-encryption-by-default")],
        remediation: .manual("Turn on EBS encryption by default in the region; new instances then get encrypted volumes on their next replacement.", commands: ["aws ec2 enable-ebs-encryption-by-default --region REGION"]),
        examples: [
            .passes("hardened baseline: default encryption on"),
            .fails("default off and an unencrypted mapping") { $0.inventory.ebsEncryptionByDefault = [ExampleInventory.region: false]; $0.inventory.launchTemplates[ExampleInventory.Names.launchTemplate]?.blockDevices = [BlockDevice(deviceName: "/dev/xvda", encrypted: false)] },
            .passes("default off but the launch template encrypts") { $0.inventory.ebsEncryptionByDefault = [ExampleInventory.region: false] },
            .notAssessed("neither fact collected") { $0.inventory.ebsEncryptionByDefault = nil; $0.inventory.launchTemplates = [:] },
        ],
        evaluate: { context in
            let region = context.region ?? ""
            if context.inventory.ebsEncryptionByDefault?[region] == true {
                return [.pass("EBS encryption by default is on in \(region)")]
            }
            let devices = context.launchTemplates.flatMap { $0.blockDevices ?? [] } + context.launchConfigurations.flatMap { $0.blockDevices ?? [] }
            let defaultKnownOff = context.inventory.ebsEncryptionByDefault?[region] == false
            if !devices.isEmpty {
                let unencrypted = devices.filter { $0.encrypted != true }
                if unencrypted.isEmpty { return [.pass("every block device mapping is encrypted")] }
                if defaultKnownOff {
                    return [.fail(["EBS encryption by default is off in \(region)"] + unencrypted.map { "block device \($0.deviceName ?? "?") not encrypted" })]
                }
            } else if defaultKnownOff, !context.launchTemplates.isEmpty || !context.launchConfigurations.isEmpty {
                return [.fail("EBS encryption by default is off in \(region) and the launch template sets no encrypted mapping")]
            }
            return [.notAssessed(context.gapReason(.ebsDefaults, resource: region, fallback: "EBS default encryption and block device mappings not collected"))]
        })
}
