import Inventory

extension Control {
    /// EB-DET-004: notifications go somewhere.
    static let notificationsConfigured = Control(
        id: "EB-DET-004", layer: .detection, severity: .low,
        title: "Environment notifications are delivered",
        rationale: "Without a notification endpoint or topic, environment events (failed deployments, health changes, managed updates) reach nobody.",
        references: [.doc("using-features.managing.sns.html")],
        remediation: .options("Send environment notifications to an SNS topic or address.", [OptionChange("aws:elasticbeanstalk:sns:topics", "Notification Topic ARN", "arn:aws:sns:REGION:ACCOUNT:TOPIC")]),
        examples: [
            .passes("hardened baseline: topic ARN"),
            .fails("no endpoint or topic") { $0.removeOption("aws:elasticbeanstalk:sns:topics", "Notification Topic ARN") },
        ],
        evaluate: { context in
            let namespace = "aws:elasticbeanstalk:sns:topics"
            let endpoint = context.option(namespace, "Notification Endpoint")
            let topic = context.option(namespace, "Notification Topic ARN")
            for (name, value) in [("Notification Topic ARN", topic), ("Notification Endpoint", endpoint)] {
                if case .known(let text?, let setting) = value, !text.isEmpty { return [.pass(context.describe(namespace, name, value), origin: setting?.origin)] }
            }
            if case .unknown(let reason) = topic { return [.notAssessed(reason)] }
            return [.fail("neither \(namespace)/Notification Endpoint nor Notification Topic ARN is set", origin: context.environment.origin)]
        })
}
