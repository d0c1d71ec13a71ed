import ArgumentParser
import Collect
import Foundation
import Inventory
import LiveCollect
import Remediation
import Reporting

/// `ebguard plan`: the option changes that fix an environment's failing controls, for review.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the fixes of one environment: option changes with old and new values, prerequisites, risks, commands.",
        discussion: """
        Reads the environment (live and read-only by default, or from --snapshot /
        --from-aws-cli), evaluates the catalog, and for every failing control that
        option settings fix lists the exact changes (old → new), what must be true
        first and what can go wrong, with the same change as an `aws elasticbeanstalk
        update-environment` command, an .ebextensions file and
        CloudFormation/Terraform snippets. Fixes outside option settings (bucket
        encryption, security group rules, IAM policies) are listed as reviewed
        commands; `apply` never runs them.

        Some fixes need values only you can choose; without them the control is listed
        under "Not planned" with the flag to pass:
          --certificate-arn ARN        HTTPS listener (EB-DATA-001; EB-DATA-002 closes
                                       port 80 only with HTTPS)
          --private-subnets A,B        instance subnets (EB-NET-001)
          --secret NAME=ARN            move a plain sensitive property to
                                       environmentsecrets (EB-RUN-006)
          --access-log-bucket NAME     load balancer access logs (EB-DET-009)
          --notification-topic-arn ARN environment notifications (EB-DET-004)

        Examples:
          ebguard plan --environment shop-prod --region eu-west-1
          ebguard plan --environment shop-prod --control EB-RUN-001 \\
            --control EB-DET-002 --format json --output plan.json
          ebguard apply plan.json
        Exit codes: 0 plan made; 2 usage or input error; 3 AWS could not be read.
        """)

    @Option(name: .long, help: "The environment to plan for (name).")
    var environment: String

    @Option(name: .long, parsing: .upToNextOption, help: "Only these controls (ids, repeatable).")
    var control: [String] = []

    @Option(name: .long, help: "Output format: text (for review) or json (the plan file `apply` reads).")
    var format: PlanFormat = .text

    @Option(name: [.short, .long], help: "Write the plan to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Snapshot file written by `ebguard collect` (instead of live).", valueName: "file"))
    var snapshot: String?

    @Option(name: .customLong("from-aws-cli"), help: ArgumentHelp("Folder of AWS CLI JSON outputs (instead of live).", valueName: "dir"))
    var fromAWSCLI: String?

    @OptionGroup var live: LiveOptions

    @Option(name: .long, help: "Organisation settings (ebguard.yml).")
    var config: String?

    @Option(name: .customLong("certificate-arn"), help: ArgumentHelp("ACM certificate for the HTTPS listener.", valueName: "arn"))
    var certificateARN: String?

    @Option(name: .customLong("private-subnets"), help: ArgumentHelp("Private subnets for the instances, comma-separated.", valueName: "ids"))
    var privateSubnets: String?

    @Option(name: .customLong("secret"), help: ArgumentHelp("A sensitive property's new home: NAME=ARN of a Secrets Manager secret or SSM parameter (repeatable).", valueName: "name=arn"))
    var secrets: [String] = []

    @Option(name: .customLong("access-log-bucket"), help: ArgumentHelp("S3 bucket for load balancer access logs.", valueName: "name"))
    var accessLogBucket: String?

    @Option(name: .customLong("notification-topic-arn"), help: ArgumentHelp("SNS topic for environment notifications.", valueName: "arn"))
    var notificationTopicARN: String?

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if fromAWSCLI != nil && snapshot != nil { throw ValidationError("choose one source: --from-aws-cli or --snapshot") }
        if (fromAWSCLI != nil || snapshot != nil) && (!live.region.isEmpty || live.profile != nil) {
            throw ValidationError("--region and --profile apply to live reads only (not with --from-aws-cli or --snapshot)")
        }
        _ = try secretARNs()
        if let certificateARN, !certificateARN.hasPrefix("arn:") { throw ValidationError("--certificate-arn must be an ARN (arn:aws:acm:…)") }
        for subnet in subnetList() where !subnet.hasPrefix("subnet-") { throw ValidationError("--private-subnets: '\(subnet)' is not a subnet id (subnet-…)") }
    }

    func secretARNs() throws -> [String: String] {
        var result: [String: String] = [:]
        for entry in secrets {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("arn:") else {
                throw ValidationError("--secret expects NAME=ARN (an arn:aws:secretsmanager:… or arn:aws:ssm:… ARN), got '\(entry)'")
            }
            result[parts[0]] = parts[1]
        }
        return result
    }

    func subnetList() -> [String] {
        (privateSubnets ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() async throws {
        do {
            let settings = try ConfigFile.settings(path: config)
            let inventory: Inventory
            let source: String
            if fromAWSCLI == nil && snapshot == nil {
                inventory = try await LiveSource.collect(live, environments: [environment], lookbackDays: settings.lookbackDays)
                source = "live " + (inventory.source.regions ?? live.region).joined(separator: ",")
            } else {
                inventory = try SourceLoader.load(fromAWSCLI: fromAWSCLI, snapshot: snapshot)
                source = fromAWSCLI.map { "aws-cli \($0)" } ?? "snapshot \(snapshot ?? "")"
            }
            let inputs = PlanInputs(certificateARN: certificateARN, privateSubnets: subnetList(), secretARNs: try secretARNs(),
                                    accessLogBucket: accessLogBucket, notificationTopicARN: notificationTopicARN,
                                    controls: control.isEmpty ? nil : Set(control.map { $0.uppercased() }))
            let plan = try Planner(settings: settings).plan(inventory: inventory, environment: environment, inputs: inputs, source: source,
                                                             toolVersion: EBGuardVersion.current)
            let data = format == .json ? try plan.encoded() : Data(plan.renderText().utf8)
            try ReportPipeline.write(data, to: output)
            if let output { Console.error("wrote \(output): \(plan.optionChanges.count) option change(s) for \(plan.fixes.count) control(s), \(plan.manualFixes.count) manual fix(es), \(plan.notPlanned.count) not planned") }
            for gap in inventory.gaps where gap.reason != .notProvided { Console.error("could not read: \(gap.summary) (the plan may miss fixes)") }
        } catch {
            throw CommandFailure.report(error, liveHint: "to plan without AWS access: --snapshot FILE or --from-aws-cli DIR")
        }
    }
}
