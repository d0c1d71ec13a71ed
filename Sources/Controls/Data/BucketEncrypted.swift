import Inventory

extension Control {
    /// EB-DATA-005: the Elastic Beanstalk bucket has default encryption.
    static let bucketEncrypted = Control(
        id: "EB-DATA-005", layer: .data, severity: .high,
        title: "The Elastic Beanstalk S3 bucket has default encryption",
        rationale: "The elasticbeanstalk-<region>-<account> bucket holds every application version, saved configuration and rotated log; it must be encrypted at rest.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("AWSHowTo.S3.html"), .securityHub("S3.4")],
        remediation: .manual("Turn on default encryption (SSE-KMS with a customer-managed key, or SSE-S3).", commands: [
            #"aws s3api put-bucket-encryption --bucket elasticbeanstalk-REGION-ACCOUNT --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'"#,
        ]),
        examples: [
            .passes("hardened baseline: aws:kms"),
            .fails("no default encryption") { $0.inventory.buckets[ExampleInventory.Names.bucket]?.encryption = BucketEncryption(algorithm: nil) },
            .notAssessed("bucket not collected") { $0.inventory.buckets = [:] },
        ],
        evaluate: { context in
            guard let name = context.elasticBeanstalkBucketName else { return [.notAssessed("environment region or account unknown")] }
            guard let bucket = context.inventory.buckets[name], let encryption = bucket.encryption else {
                return [.notAssessed(context.gapReason(.bucketEncryption, resource: name, fallback: "no encryption data for bucket \(name)"))]
            }
            let ref = context.ref("AWS::S3::Bucket", name, name: name)
            guard let algorithm = encryption.algorithm else { return [.fail("bucket \(name) has no default encryption", resource: ref, origin: bucket.origin)] }
            return [.pass("bucket \(name) default encryption \(algorithm)" + (encryption.kmsKeyId.map { " with \($0)" } ?? ""), resource: ref, origin: bucket.origin)]
        })
}
