import Inventory

extension Control {
    /// EB-DET-005: a multi-region trail logs with validation.
    static let cloudTrailRecording = Control(
        id: "EB-DET-005", layer: .detection, severity: .high,
        title: "CloudTrail records the region's Elastic Beanstalk API calls",
        rationale: "Who changed, swapped or terminated an environment is only knowable from CloudTrail; a multi-region trail that is logging, with log file validation, is the baseline evidence source.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("001_573b8fe637c46486.txt"), .doc("AWSHowTo.cloudtrail.html"), .securityHub("CloudTrail.1"), .securityHub("CloudTrail.4"), .awsConfig("multi-region-cloudtrail-enabled")],
        remediation: .manual("Create (or fix) a multi-region trail with log file validation and start logging.", commands: [
            "aws cloudtrail create-trail --name org-trail --s3-bucket-name TRAIL_BUCKET --is-multi-region-trail --enable-log-file-validation",
            "aws cloudtrail start-logging --name org-trail",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("single-region trail") { $0.inventory.trails?[0].isMultiRegion = false },
            .fails("trail not logging") { $0.inventory.trails?[0].isLogging = false },
            .fails("no trail at all") { $0.inventory.trails = [] },
            .notAssessed("trails not collected") { $0.inventory.trails = nil },
        ],
        evaluate: { context in
            guard let trails = context.inventory.trails else { return [.notAssessed(context.gapReason(.trails, fallback: "CloudTrail trails not collected"))] }
            let region = context.region
            let covering = trails.filter { $0.isMultiRegion == true || region == nil || $0.homeRegion == region }
            guard !covering.isEmpty else { return [.fail("no trail covers \(region ?? "the region")")] }
            let good = covering.filter { $0.isMultiRegion == true && $0.isLogging == true && $0.logFileValidation == true }
            if let trail = good.first { return [.pass("trail \(trail.name): multi-region, logging, log file validation on", origin: trail.origin)] }
            let unknown = covering.filter { $0.isMultiRegion == true && $0.logFileValidation == true && $0.isLogging == nil }
            if let trail = unknown.first { return [.notAssessed(context.gapReason(.trailStatus, resource: trail.name, fallback: "logging status of trail \(trail.name) not collected"))] }
            return [.fail(covering.map { trail in
                var problems: [String] = []
                if trail.isMultiRegion != true { problems.append("single-region") }
                if trail.isLogging != true { problems.append(trail.isLogging == nil ? "logging status unknown" : "not logging") }
                if trail.logFileValidation != true { problems.append("log file validation off") }
                return "trail \(trail.name): " + problems.joined(separator: ", ")
            })]
        })
}
