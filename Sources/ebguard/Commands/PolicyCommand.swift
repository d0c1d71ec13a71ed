import ArgumentParser

/// `ebguard policy`: IAM policy files in CI, and least-privilege policies from CloudTrail.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check IAM policy files, or tighten a role's policies to what CloudTrail shows it uses.",
        discussion: """
        Examples:
          ebguard policy check iam/ --fail-on high
          ebguard policy check role-policy.json trust.json --format json -o iam.json
          ebguard policy tighten --role shop-ec2 --from-aws-cli ./export -o tight.json
        """,
        subcommands: [PolicyCheckCommand.self, PolicyTightenCommand.self])
}
