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
            let instanceRole = context.heldInstanceRole, serviceRole = context.heldServiceRole
            guard instanceRole != nil || serviceRole != nil else {
                return [.notApplicable("neither an instance role nor a service role was found (see EB-IAM-001/002)")]
            }
            // (Each role is judged where the environment's joins hold it, not copied out.)
            var outcomes: [Outcome] = []
            if let instanceRole { outcomes.append(trustOutcome(of: instanceRole, trusting: .instance, in: context)) }
            if let serviceRole { outcomes.append(trustOutcome(of: serviceRole, trusting: .service, in: context)) }
            return outcomes
        })
}

/// Whom an environment's role should trust (EB-IAM-007): made once, as every environment asks.
private struct ExpectedTrust {
    let services: Set<String>
    let externalId: String?
    /// The services as the pass evidence lists them.
    let listed: String

    init(services: Set<String>, externalId: String?) {
        self.services = services
        self.externalId = externalId
        listed = services.sorted().joined(separator: ", ")
    }

    static let instance = ExpectedTrust(services: ["ec2.amazonaws.com"], externalId: nil)
    static let service = ExpectedTrust(services: ["elasticbeanstalk.amazonaws.com"], externalId: "elasticbeanstalk")
}

/// EB-IAM-007's verdict on one role's trust policy.
private func trustOutcome(of held: Held<Role>, trusting expected: ExpectedTrust, in context: EnvironmentContext) -> Outcome {
    let ref = context.roleRef(held)
    let role = held.value.name
    guard let json = held.value.trustPolicy else { return .notAssessed("trust policy of \(role) not collected", resource: ref) }
    let issues: [TrustIssue]
    do {
        issues = try context.policies.trustIssues(.init(json: json, services: expected.services, externalId: expected.externalId, account: context.accountId))
    } catch {
        return .notAssessed("trust policy of \(role) unreadable: \(error)", resource: ref)
    }
    if issues.isEmpty { return .pass("role \(role) trusts only \(expected.listed)", resource: ref, origin: held.value.origin) }
    return .fail(issues.map { "role \(role): \($0.summary)" }, resource: ref, origin: held.value.origin)
}
