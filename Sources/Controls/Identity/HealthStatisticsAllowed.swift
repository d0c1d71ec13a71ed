import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-009: with enhanced health, the instance role may publish statistics.
    static let healthStatisticsAllowed = Control(
        id: "EB-IAM-009", layer: .identity, severity: .medium,
        title: "With enhanced health on, the instance role may publish health statistics",
        rationale: "Seed 000 rollback note: after role changes, health shows \"No Data\" when the instance role lost elasticbeanstalk:PutInstanceStatistics; degradation then goes unseen.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .doc("health-enhanced.html"), .doc("iam-instanceprofile.html")],
        remediation: .manual("Allow elasticbeanstalk:PutInstanceStatistics on the environment (or attach AWSElasticBeanstalkWebTier / AWSElasticBeanstalkWorkerTier)."),
        examples: [
            .passes("hardened baseline"),
            .fails("permission removed") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::elasticbeanstalk-us-east-1-111122223333/*"}]}"#) },
            .notApplicable("basic health") { $0.setOption("aws:elasticbeanstalk:healthreporting:system", "SystemType", "basic") },
        ],
        evaluate: { context in
            let health = context.option("aws:elasticbeanstalk:healthreporting:system", "SystemType")
            guard case .known(let type, _) = health else { if case .unknown(let reason) = health { return [.notAssessed(reason)] }; return [] }
            guard type?.lowercased() == "enhanced" else { return [.notApplicable("enhanced health is off")] }
            switch context.instanceRolePolicies() {
            case .failure(.unknown(let reason)): return [.notAssessed(reason)]
            case .failure(.notApplicable(let reason)): return [.notApplicable(reason)]
            case .success(let policies):
                let role = policies.policies
                let resource = context.environment.arn ?? "*"
                if PolicyAnalysis.allows(policies.principal, action: "elasticbeanstalk:PutInstanceStatistics", resource: resource).isAllowed {
                    return [.pass("\(role.role.name) allows elasticbeanstalk:PutInstanceStatistics", resource: policies.ref)]
                }
                if !policies.isComplete { return [.notAssessed(policies.problems.joined(separator: "; "), resource: policies.ref)] }
                return [.fail("\(role.role.name) does not allow elasticbeanstalk:PutInstanceStatistics on \(resource)", resource: policies.ref, origin: role.role.origin)]
            }
        })
}
