import Inventory

extension Control {
    /// EB-DATA-012: customer-managed keys used by the environment rotate.
    static let keyRotationEnabled = Control(
        id: "EB-DATA-012", layer: .data, severity: .medium,
        title: "Customer-managed KMS keys used by the environment have rotation enabled",
        rationale: "Automatic rotation limits how much data one key version protects and is a baseline requirement of most encryption standards.",
        references: [.seed("004_6dd9b4f7eb1f173f.txt"), .seed("003_d0be057354991c31.txt"), .securityHub("KMS.4"), .awsConfig("cmk-backing-key-rotation-enabled")],
        remediation: .manual("Enable automatic rotation on each key.", commands: ["aws kms enable-key-rotation --key-id KEY_ID"]),
        examples: [
            .passes("hardened baseline: rotation on"),
            .fails("rotation off") { $0.inventory.kmsKeys[ExampleInventory.Names.kmsKey]?.rotationEnabled = false },
            .notAssessed("key rotation not collected") { $0.inventory.kmsKeys = [:] },
        ],
        evaluate: { context in
            var references: [String] = []
            func add(_ key: String?) { if let key, !key.isEmpty, !references.contains(key) { references.append(key) } }
            if let name = context.elasticBeanstalkBucketName { add(context.inventory.buckets[name]?.encryption?.kmsKeyId) }
            for database in context.databases { add(database.kmsKeyId) }
            for group in context.logGroups ?? [] { add(group.kmsKeyId) }
            for template in context.launchTemplates { for device in template.blockDevices ?? [] { add(device.kmsKeyId) } }
            guard !references.isEmpty else { return [.notApplicable("the environment uses no customer-managed KMS key that ebguard can see")] }
            var failures: [String] = []
            var evidence: [String] = []
            var unknown: [String] = []
            for reference in references {
                guard let key = KMSLookup.key(reference, in: context.inventory.kmsKeys) else {
                    if reference.contains("alias/aws/") { continue }
                    unknown.append(context.gapReason(.kmsKeyRotation, resource: reference, fallback: "rotation of \(reference) not collected"))
                    continue
                }
                if key.manager?.uppercased() == "AWS" { continue }
                switch key.rotationEnabled {
                case true?: evidence.append("\(key.id): rotation enabled")
                case false?: failures.append("\(key.id): rotation disabled")
                case nil: unknown.append("rotation of \(key.id) unknown")
                }
            }
            if !failures.isEmpty { return [.fail(failures)] }
            if !unknown.isEmpty { return [.notAssessed(unknown.joined(separator: "; "))] }
            if evidence.isEmpty { return [.notApplicable("only AWS-managed keys are used")] }
            return [Outcome(verdict: .pass, evidence: evidence)]
        })
}

/// Finds a key by id, ARN or alias.
enum KMSLookup {
    private static let slash = ByteSet("/".utf8)

    static func key(_ reference: String, in keys: [String: KMSKey]) -> KMSKey? {
        if let key = keys[reference] { return key }
        let id = FastText.split(reference, separators: slash).last.map(String.init) ?? reference
        // Keys are collected under their ids, and resources name them by ARN (`…:key/<id>`): the
        // key is then found without comparing every key.
        if let key = keys[id], key.id == id { return key }
        let slashID = "/" + id
        return keys.values.first { key in
            key.id == id || key.arn == reference || key.arn?.hasSuffix(slashID) == true || key.id.hasSuffix(slashID) || key.aliases.contains(reference)
        }
    }
}
