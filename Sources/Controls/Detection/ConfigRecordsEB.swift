import Inventory

extension Control {
    /// EB-DET-008: AWS Config records Elastic Beanstalk resources.
    static let configRecordsEB = Control(
        id: "EB-DET-008", layer: .detection, severity: .low,
        title: "AWS Config records Elastic Beanstalk resources in the region",
        rationale: "AWS Config's configuration history answers what an environment looked like at any point, and powers managed rules such as elastic-beanstalk-managed-updates-enabled.",
        references: [.seed("002_542e4eb9cb5cd64d.txt"), .securityHub("Config.1")],
        remediation: .manual("Record all supported resource types (or at least AWS::ElasticBeanstalk::*) and start the recorder.", commands: [
            "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=CONFIG_ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true",
            "aws configservice start-configuration-recorder --configuration-recorder-name default",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("no recorder") { $0.inventory.configRecorders = [] },
            .fails("recorder stopped") { $0.inventory.configRecorders?[0].recording = false },
            .notAssessed("not collected") { $0.inventory.configRecorders = nil },
        ],
        evaluate: { context in
            guard let recorders = context.inventory.configRecorders else { return [.notAssessed(context.gapReason(.configRecorders, fallback: "AWS Config recorders not collected"))] }
            let regional = recorders.filter { $0.region == nil || context.region == nil || $0.region == context.region }
            guard !regional.isEmpty else { return [.fail("no AWS Config recorder in \(context.region ?? "the region")")] }
            if let good = regional.first(where: { $0.recordsElasticBeanstalk && $0.recording != false }) {
                return [.pass("recorder \(good.name) records Elastic Beanstalk" + (good.recording == nil ? " (recording status not collected)" : ""))]
            }
            return [.fail(regional.map { "recorder \($0.name): " + ($0.recordsElasticBeanstalk ? "not recording" : "does not record AWS::ElasticBeanstalk::*") })]
        })
}
