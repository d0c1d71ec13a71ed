import Inventory

extension Control {
    /// EB-RUN-005: no hard-coded secrets in the source bundle or its configuration files.
    static let noHardcodedSecretsInBundle = Control(
        id: "EB-RUN-005", layer: .runtime, severity: .critical,
        title: "No hard-coded secrets in the source bundle or its config files",
        rationale: "Everything in a source bundle is copied to S3, to every instance and into every version kept for rollback. A secret there is readable by anyone who can read the bucket or an instance, and it outlives rotation.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("applications-sourcebundle.html"), .doc("AWSHowTo.secrets.html")],
        remediation: .manual("Remove the secret from the bundle and history, rotate it, store it in Secrets Manager or SSM Parameter Store and reference it through aws:elasticbeanstalk:application:environmentsecrets."),
        examples: [
            .passes("bundle scanned, nothing found") { $0.inventory.artifacts = [CodeArtifact(path: "app/.env", kind: .bundleFile)] },
            .fails("an AWS key in a hook") { $0.inventory.artifacts = [CodeArtifact(path: ".platform/hooks/predeploy/01.sh", kind: .platformHook, secrets: [LocatedSecret(hit: SecretHit(kind: .awsAccessKeyId, key: "AWS_ACCESS_KEY_ID", redacted: "AKIA****MPLE"), origin: .file(".platform/hooks/predeploy/01.sh", line: 2, column: 26))])] },
            .notAssessed("no files scanned") { $0.inventory.artifacts = nil },
        ],
        evaluate: { context in
            guard let artifacts = context.artifacts else {
                return [.notAssessed("no source bundle or configuration files were scanned (use `ebguard scan`)")]
            }
            var outcomes: [Outcome] = []
            for artifact in artifacts {
                for secret in artifact.secrets {
                    let key = secret.hit.key.map { "\($0) = " } ?? ""
                    outcomes.append(.fail("\(secret.hit.kind.rawValue) in \(artifact.path): \(key)\(secret.hit.redacted)",
                                          resource: context.ref("File", artifact.path), origin: secret.origin))
                }
            }
            return outcomes.isEmpty ? [.pass("\(artifacts.count) file(s) scanned; no secret found")] : outcomes
        })
}
