import Inventory

extension Control {
    /// EB-DATA-006: the bucket and the account block public access.
    static let bucketPublicAccessBlocked = Control(
        id: "EB-DATA-006", layer: .data, severity: .high,
        title: "The Elastic Beanstalk bucket and the account block public access",
        rationale: "All four Block Public Access settings on the bucket and on the account stop a stray ACL or bucket policy from publishing application versions, configurations and logs.",
        references: [.seed("003_d0be057354991c31.txt"), .securityHub("S3.1"), .securityHub("S3.8"), .awsConfig("s3-account-level-public-access-blocks-periodic")],
        remediation: .manual("Enable all four Block Public Access settings on the bucket and on the account.", commands: [
            "aws s3api put-public-access-block --bucket elasticbeanstalk-REGION-ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            "aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
        ]),
        examples: [
            .passes("hardened baseline: all four on bucket and account"),
            .fails("account block off") { $0.inventory.accountPublicAccessBlocks[ExampleInventory.account] = PublicAccessBlock(blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false) },
            .fails("bucket allows public policies") { $0.inventory.buckets[ExampleInventory.Names.bucket]?.publicAccessBlock?.blockPublicPolicy = false },
            .notAssessed("account setting not collected") { $0.inventory.accountPublicAccessBlocks = [:] },
        ],
        evaluate: { context in
            guard let name = context.elasticBeanstalkBucketName, let account = context.accountId else { return [.notAssessed("environment region or account unknown")] }
            let ref = context.ref("AWS::S3::Bucket", name, name: name)
            var failures: [String] = []
            var evidence: [String] = []
            var unknown: [String] = []
            if let block = context.inventory.buckets[name]?.publicAccessBlock {
                if block.blocksAll { evidence.append("bucket \(name): all four settings on") } else { failures.append("bucket \(name): off: " + block.disabledSettings.joined(separator: ", ")) }
            } else {
                unknown.append(context.gapReason(.bucketPublicAccessBlock, resource: name, fallback: "no public access block data for bucket \(name)"))
            }
            if let block = context.inventory.accountPublicAccessBlocks[account] {
                if block.blocksAll { evidence.append("account \(account): all four settings on") } else { failures.append("account \(account): off: " + block.disabledSettings.joined(separator: ", ")) }
            } else {
                unknown.append(context.gapReason(.accountPublicAccessBlock, resource: account, fallback: "no account-level public access block data for \(account)"))
            }
            if !failures.isEmpty { return [.fail(failures, resource: ref, origin: context.inventory.buckets[name]?.origin)] }
            if !unknown.isEmpty { return [.notAssessed(unknown.joined(separator: "; "), resource: ref)] }
            return [Outcome(verdict: .pass, evidence: evidence, resource: ref)]
        })
}
