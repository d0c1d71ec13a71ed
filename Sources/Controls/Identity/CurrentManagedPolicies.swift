import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-006: the service role uses current managed policies and passes only its own roles.
    static let currentManagedPolicies = Control(
        id: "EB-IAM-006", layer: .identity, severity: .medium,
        title: "The service role uses current managed policies and passes only the environment's roles",
        rationale: "AWSElasticBeanstalkService is deprecated (replaced by AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy) and AWSElasticBeanstalkFullAccess grants far more than an environment needs. A service role that can pass any role can hand an environment an administrator instance profile.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .doc("AWSHowTo.iam.managed-policies.html"), .doc("iam-servicerole.html")],
        remediation: .manual("Replace deprecated managed policies with their successors and scope iam:PassRole to the environment's instance and service roles.", commands: [
            "aws iam detach-role-policy --role-name SERVICE_ROLE --policy-arn arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkService",
            "aws iam attach-role-policy --role-name SERVICE_ROLE --policy-arn arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("deprecated AWSElasticBeanstalkService on the service role") { $0.role(ExampleInventory.Names.serviceRole) { $0.attachedPolicyArns = ["arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkService"] } },
            .fails("PassRole on *") { $0.role(ExampleInventory.Names.serviceRole) { $0.inlinePolicies = [InlinePolicy(name: "pass", document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}"#)] } },
            .notAssessed("IAM not collected") { $0.inventory.iam = nil },
        ],
        evaluate: { context in
            guard context.hasIAM else { return [.notAssessed(context.gapReason(.iamRoles, fallback: "IAM roles not collected"))] }
            guard let service = context.heldServiceRole else {
                if case .unknown(let reason) = context.option("aws:elasticbeanstalk:environment", "ServiceRole") { return [.notAssessed(reason)] }
                return [.notApplicable("no service role found (see EB-IAM-001)")]
            }
            // (Both roles are read where the environment's joins hold them: the managed-policy
            // check and the PassRole scope each need a field or two.)
            let instance = context.heldInstanceRole
            var failures = outdatedManagedPolicies(of: service)
            if let instance { failures += outdatedManagedPolicies(of: instance) }
            let name = service.value.name
            let policies = context.policies(of: service)
            let own = [service.value.arn, instance?.value.arn].compactMap { $0 }
            // AWS's own Elastic Beanstalk managed policies pass roles to the services that need them under
            // an iam:PassedToService condition; the scope check applies to the policies the customer wrote.
            if let principal = policies.principal {
                let scope = context.policies.authoredPassRoleScope(ofRole: name) {
                    let authored = PrincipalPolicies(policies: principal.policies.filter { !ManagedPolicies.isAWSManaged(arn: $0.arn ?? "") },
                                                     permissionsBoundary: principal.permissionsBoundary)
                    return PolicyAnalysis.passRoleResources(authored)
                }
                if let scope, !scope.isLimited(to: own) {
                    failures.append("service role \(name): \(scope.summary)")
                }
            }
            let ref = context.roleRef(service)
            if !failures.isEmpty { return [.fail(failures, resource: ref, origin: service.value.origin)] }
            if policies.principal == nil { return [.notAssessed(policies.problems.joined(separator: "; "), resource: ref)] }
            return [.pass("service role \(name): current managed policies; PassRole limited to the environment's roles", resource: ref)]
        })
}

/// EB-IAM-006's managed-policy half: the role's deprecated AWS managed policies and
/// AWSElasticBeanstalkFullAccess, one failure line each, in attachment order.
private func outdatedManagedPolicies(of role: Held<Role>) -> [String] {
    var failures: [String] = []
    for arn in role.value.attachedPolicyArns ?? [] {
        if let deprecation = ManagedPolicies.deprecation(arn: arn) {
            failures.append("role \(role.value.name): \(deprecation.description)")
        } else if arn.hasSuffix("/AWSElasticBeanstalkFullAccess") {
            failures.append("role \(role.value.name): AWSElasticBeanstalkFullAccess attached (use AdministratorAccess-AWSElasticBeanstalk for operators only)")
        }
    }
    return failures
}
