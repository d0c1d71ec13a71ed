import Inventory

extension Control {
    /// EB-DET-006: an alarm watches the environment.
    static let healthAlarm = Control(
        id: "EB-DET-006", layer: .detection, severity: .medium,
        title: "A CloudWatch alarm with an action watches the environment",
        rationale: "Health degradation after a change (such as disabling IMDSv1 or tightening a security group) must page someone so it can be rolled back; an alarm without an action pages nobody.",
        references: [.seed("001_573b8fe637c46486.txt"), .seed("000_59b7f370cd5d1731.txt"), .doc("health-enhanced-cloudwatch.html")],
        remediation: .manual("Alarm on EnvironmentHealth (or the ALB's HTTPCode_ELB_5XX_Count) with an SNS action.", commands: [
            "aws cloudwatch put-metric-alarm --alarm-name ENV_NAME-health --namespace AWS/ElasticBeanstalk --metric-name EnvironmentHealth --dimensions Name=EnvironmentName,Value=ENV_NAME --statistic Maximum --period 60 --evaluation-periods 5 --threshold 20 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions TOPIC_ARN",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("alarm without actions") { $0.inventory.alarms?[0].alarmActions = [] },
            .fails("no alarm") { $0.inventory.alarms = [] },
            .notAssessed("alarms not collected") { $0.inventory.alarms = nil },
        ],
        evaluate: { context in
            guard context.inventory.alarms != nil else { return [.notAssessed(context.gapReason(.alarms, fallback: "CloudWatch alarms not collected"))] }
            // The load balancers' alarm dimensions, sorted, each once (an environment has one or two).
            var balancerIds: [String] = []
            for balancer in context.loadBalancers {
                if let id = FastText.suffix(after: ":loadbalancer/", in: balancer.id).map(String.init), !balancerIds.contains(id) { balancerIds.append(id) }
            }
            balancerIds.sort()
            // The alarms watching the environment, then each load balancer's, in that order. The first
            // that acts decides; they are read where the index holds them (copying every alarm into
            // one list and filtering it cost more than the check).
            let watching = [context.index.alarmsByEnvironment[context.environment.name] ?? []] + balancerIds.map { context.index.alarmsByLoadBalancer[$0] ?? [] }
            for alarms in watching {
                for position in alarms.indices where !alarms[position].alarmActions.isEmpty && alarms[position].actionsEnabled != false {
                    let alarm = alarms[position]
                    return [.pass("alarm \(alarm.name) on \(alarm.metricName ?? "?") → \(alarm.alarmActions.joined(separator: ", "))", origin: alarm.origin)]
                }
            }
            guard watching.contains(where: { !$0.isEmpty }) else { return [.fail("no alarm on EnvironmentHealth or the load balancer of \(context.environment.name)")] }
            return [.fail(watching.flatMap { alarms in alarms.map { "alarm \($0.name) has no enabled action" } })]
        })
}
