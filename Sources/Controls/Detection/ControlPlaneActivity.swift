import Foundation
import Inventory

extension Control {
    /// EB-DET-007: no unexpected control-plane activity on the environment.
    static let controlPlaneActivity = Control(
        id: "EB-DET-007", layer: .detection, severity: .high,
        title: "CloudTrail shows no unexpected control-plane activity on the environment",
        rationale: "Updates, terminations, CNAME swaps and rebuilds by the root user, by principals outside the allow-list, from unexpected networks or outside change windows, failed attempts, and changes that switch a control off are the signals of misuse the seeds ask to review.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("001_573b8fe637c46486.txt"), .seed("002_542e4eb9cb5cd64d.txt"), .doc("AWSHowTo.cloudtrail.html")],
        remediation: .manual("Investigate each event (who, from where, what changed); revert unapproved changes with `ebguard plan`/`apply`, and restrict who may call these APIs.", commands: [
            "aws cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue=ENV_NAME --region REGION",
        ]),
        examples: [
            .passes("hardened baseline: one update by the operator role"),
            .fails("root updated the environment") { $0.inventory.cloudTrailEvents?[0].userIdentityType = "Root"; $0.inventory.cloudTrailEvents?[0].principalArn = "arn:aws:iam::111122223333:root" },
            .fails("an update turned IMDSv1 back on") { $0.inventory.cloudTrailEvents?[0].requestParameters["option:aws:autoscaling:launchconfiguration/DisableIMDSv1"] = "false" },
            .fails("denied TerminateEnvironment") { $0.inventory.cloudTrailEvents?[0].eventName = "TerminateEnvironment"; $0.inventory.cloudTrailEvents?[0].errorCode = "AccessDenied" },
            .fails("principal outside the allow-list", settings: AuditSettings(allowedPrincipals: ["arn:aws:sts::111122223333:assumed-role/deployer/*"], now: ExampleInventory.now)) { _ in },
            .notAssessed("no CloudTrail data") { $0.inventory.cloudTrailEvents = nil },
        ],
        evaluate: { context in
            guard let events = context.cloudTrailEvents else { return [.notAssessed(context.gapReason(.cloudTrailEvents, fallback: "no CloudTrail events collected"))] }
            let sensitive = ControlPlaneEvents.sensitive
            var failures: [String] = []
            var reviewed = 0
            for event in events where sensitive.contains(event.eventName) || event.eventName.hasPrefix("DeleteApplication") {
                reviewed += 1
                let problems = ControlPlaneEvents.problems(event, settings: context.settings)
                // The label only for events with problems (formatting the time is not free).
                if problems.isEmpty { continue }
                let who = event.principalArn ?? event.userName ?? event.userIdentityType ?? "unknown principal"
                let when = event.eventTime.map(Timestamp.iso8601) ?? "unknown time"
                let label = "\(event.eventName) by \(who) at \(when)" + (event.sourceIPAddress.map { " from \($0)" } ?? "")
                for problem in problems { failures.append("\(label): \(problem)") }
            }
            if failures.isEmpty { return [.pass("\(reviewed) control-plane event(s) in the last \(context.settings.lookbackDays) days; none unexpected")] }
            return [.fail(failures)]
        })
}

/// The detectors behind EB-DET-007.
public enum ControlPlaneEvents {
    public static let sensitive: Set<String> = ["UpdateEnvironment", "TerminateEnvironment", "SwapEnvironmentCNAMEs", "RebuildEnvironment",
                                                "DeleteApplication", "DeleteApplicationVersion", "AssociateEnvironmentOperationsRole",
                                                "DisassociateEnvironmentOperationsRole", "DeleteEnvironmentConfiguration", "UpdateConfigurationTemplate"]

    /// Option values that switch a control off.
    public static let controlOff: [String: String] = [
        "aws:autoscaling:launchconfiguration/DisableIMDSv1": "false",
        "aws:elasticbeanstalk:cloudwatch:logs/StreamLogs": "false",
        "aws:elasticbeanstalk:cloudwatch:logs/DeleteOnTerminate": "true",
        "aws:elasticbeanstalk:cloudwatch:logs:health/HealthStreamingEnabled": "false",
        "aws:elasticbeanstalk:healthreporting:system/SystemType": "basic",
        "aws:elasticbeanstalk:managedactions/ManagedActionsEnabled": "false",
        "aws:ec2:vpc/AssociatePublicIpAddress": "true",
        "aws:elbv2:loadbalancer/AccessLogsS3Enabled": "false",
        "aws:elbv2:listener:default/ListenerEnabled": "true",
    ]

    static func problems(_ event: CloudTrailEvent, settings: AuditSettings) -> [String] {
        var problems: [String] = []
        if event.userIdentityType?.lowercased() == "root" || event.principalArn?.hasSuffix(":root") == true {
            problems.append("made by the root user")
        } else if event.userIdentityType == "IAMUser" && settings.allowedPrincipals.isEmpty {
            problems.append("made by an IAM user, not a role")
        }
        if !settings.allowedPrincipals.isEmpty, event.userIdentityType?.lowercased() != "awsservice" {
            let principal = event.principalArn ?? ""
            if !settings.allowedPrincipals.contains(where: { Glob.matches($0, principal) }) { problems.append("principal not in the allow-list") }
        }
        if !settings.allowedSourceCIDRs.isEmpty, let ip = event.sourceIPAddress, !ip.hasSuffix(".amazonaws.com"),
           !settings.allowedSourceCIDRs.contains(where: { CIDR.contains($0, ip) }) {
            problems.append("from a source address outside the allowed networks")
        }
        if !settings.changeWindows.isEmpty, let time = event.eventTime, !settings.changeWindows.contains(where: { ChangeWindow.contains($0, time) }) {
            problems.append("outside the change windows")
        }
        if let code = event.errorCode, FastText.contains(code, "AccessDenied") || FastText.contains(code, "Unauthorized") {
            problems.append("failed with \(code)")
        }
        for (key, value) in event.requestParameters where key.hasPrefix("option:") {
            let option = String(key.dropFirst("option:".count))
            if let off = controlOff[option], off == value.lowercased() { problems.append("sets \(option) = \(value), switching a control off") }
        }
        return problems
    }
}

/// `*` and `?` wildcard matching for allow-lists.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] { pi += 1; ti += 1 } else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 } else if star >= 0 { pi = star + 1; mark += 1; ti = mark } else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// IPv4 CIDR membership.
enum CIDR {
    static func contains(_ cidr: String, _ address: String) -> Bool {
        let parts = cidr.split(separator: "/")
        guard let network = ipv4(String(parts[0])), let ip = ipv4(address) else { return cidr == address }
        let bits = parts.count > 1 ? Int(parts[1]) ?? 32 : 32
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
        return network & mask == ip & mask
    }

    static func ipv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        return octets.reduce(0) { $0 << 8 | $1 }
    }
}

/// `Tue 09:00-11:00` (UTC) change windows; `*` as the day means every day.
enum ChangeWindow {
    static func contains(_ window: String, _ date: Date) -> Bool {
        let parts = window.split(separator: " ")
        guard parts.count == 2 else { return false }
        let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let components = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let day = String(parts[0]).lowercased().prefix(3)
        if day != "*", days.firstIndex(of: String(day)).map({ $0 + 1 }) != components.weekday { return false }
        let range = parts[1].split(separator: "-")
        guard range.count == 2, let start = minutes(range[0]), let end = minutes(range[1]) else { return false }
        let now = (components.hour ?? 0) * 60 + (components.minute ?? 0)
        return start <= now && now < end
    }

    private static func minutes(_ text: Substring) -> Int? {
        let hm = text.split(separator: ":").compactMap { Int($0) }
        guard hm.count == 2 else { return nil }
        return hm[0] * 60 + hm[1]
    }
}
