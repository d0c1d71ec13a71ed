import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-007: trust policies are tight.
    static let tightTrustPolicies = Control(
        id: "EB-IAM-007", layer: .identity, severity: .high,
        title: "The environment's roles trust only their service",
        rationale: "The instance role should be assumable only by EC2, the service role only by Elastic Beanstalk (with sts:ExternalId elasticbeanstalk as AWS creates it). `Principal: \"*\"` or another account without a condition lets outsiders assume them.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("iam-servicerole.html"), .doc("iam-instanceprofile.html")],
        remediation: .manual("Restore the trust policies to the service principals only.", commands: [
            #"aws iam update-assume-role-policy --role-name INSTANCE_ROLE --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'"#,
            #"aws iam update-assume-role-policy --role-name SERVICE_ROLE --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"elasticbeanstalk.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"elasticbeanstalk"}}}]}'"#,
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("instance role trusts everyone") { $0.role(ExampleInventory.Names.instanceRole) { $0.trustPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"# } },
            .fails("service role trusts another account without a condition") { $0.role(ExampleInventory.Names.serviceRole) { $0.trustPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}]}"# } },
            .notAssessed("IAM not collected") { $0.inventory.iam = nil },
        ],
        evaluate: { context in
            guard context.hasIAM else { return [.notAssessed(context.gapReason(.iamRoles, fallback: "IAM roles not collected"))] }
            var checks: [(Role, Set<String>, String?)] = []
            if let role = context.instanceRole { checks.append((role, ["ec2.amazonaws.com"], nil)) }
            if let role = context.serviceRole { checks.append((role, ["elasticbeanstalk.amazonaws.com"], "elasticbeanstalk")) }
            guard !checks.isEmpty else { return [.notApplicable("neither an instance role nor a service role was found (see EB-IAM-001/002)")] }
            var outcomes: [Outcome] = []
            for (role, services, externalId) in checks {
                let ref = context.roleRef(role)
                guard let json = role.trustPolicy else { outcomes.append(.notAssessed("trust policy of \(role.name) not collected", resource: ref)); continue }
                let issues: [TrustIssue]
                do {
                    issues = try context.policies.trustIssues(.init(json: json, services: services, externalId: externalId, account: context.accountId))
                } catch {
                    outcomes.append(.notAssessed("trust policy of \(role.name) unreadable: \(error)", resource: ref)); continue
                }
                if issues.isEmpty { outcomes.append(.pass("role \(role.name) trusts only \(services.sorted().joined(separator: ", "))", resource: ref, origin: role.origin)) } else { outcomes.append(.fail(issues.map { "role \(role.name): \($0.summary)" }, resource: ref, origin: role.origin)) }
            }
            return outcomes
        })
}
