import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-008: the instance role is narrower than the operator role(s).
    static let instanceNarrowerThanOperator = Control(
        id: "EB-IAM-008", layer: .identity, severity: .medium,
        title: "The instance role is narrower than the operator role",
        rationale: "Seed 003: keep the instance profile narrower than the operator role. If instances can do something operators cannot, an application compromise grants more than the humans who run it hold.",
        references: [.seed("003_d0be057354991c31.txt")],
        remediation: .manual("Remove from the instance role every action the operator role does not hold (or, if the operator role is too narrow, review both)."),
        examples: [
            .passes("instance role within the operator role", settings: AuditSettings(operatorRoles: [ExampleInventory.Names.operatorRole], now: ExampleInventory.now)),
            .fails("instance role can delete DynamoDB tables, the operator cannot", settings: AuditSettings(operatorRoles: [ExampleInventory.Names.operatorRole], now: ExampleInventory.now)) {
                $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:DeleteTable","Resource":"*"}]}"#)
            },
            .notAssessed("no operator role configured") { $0.environment.operationsRoleArn = nil },
        ],
        evaluate: { context in
            var operatorNames = context.settings.operatorRoles
            if operatorNames.isEmpty, let associated = context.environment.operationsRoleArn { operatorNames = [associated] }
            guard !operatorNames.isEmpty else { return [.notAssessed("no operator role configured (operatorRoles in ebguard.yml) and no operations role associated")] }
            let instance: InstanceRolePolicies
            switch context.instanceRolePolicies() {
            case .failure(.unknown(let reason)): return [.notAssessed(reason)]
            case .failure(.notApplicable(let reason)): return [.notApplicable(reason)]
            case .success(let policies): instance = policies
            }
            var operatorPolicies: [NamedPolicy] = []
            for name in operatorNames {
                guard let policies = context.policies(ofRoleNamed: name) else { return [.notAssessed("operator role \(name) not in the inventory")] }
                guard let principal = policies.principal, policies.isComplete else { return [.notAssessed("operator role \(name): " + policies.problems.joined(separator: "; "))] }
                operatorPolicies += principal.policies
            }
            // (Operator roles made of the same documents share their granted actions across the fleet.)
            let operators = context.policies.analyses(of: PrincipalPolicies(policies: operatorPolicies))
            let gap = PolicyAnalysis.notCovered(instance.principal, granted: instance.granted, by: operators.principal, granted: operators.granted)
            // Missing catalog actions, then unknown ones; only the first 20 are spelled out.
            let missingCount = gap.missingCount + gap.unknown.count
            let role = instance.policies
            if missingCount == 0, !gap.isComplete { return [.notAssessed(gap.summary, resource: instance.ref)] }
            if missingCount == 0 { return [.pass("every action of \(role.role.name) is also allowed to \(operatorNames.joined(separator: ", "))", resource: instance.ref)] }
            let shown = actionSample(Array((gap.missing(prefix: 20) + gap.unknown).prefix(20)), total: missingCount)
            return [.fail("\(role.role.name) allows actions the operator role(s) do not: \(shown)", resource: instance.ref, origin: role.role.origin)]
        })
}
