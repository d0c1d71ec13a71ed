import ArgumentParser
import Collect
import Controls
import Foundation
import IAMPolicy
import Inventory

/// `ebguard policy tighten`: a least-privilege policy for a role, from what CloudTrail shows it used.
struct PolicyTightenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tighten",
        abstract: "Write a policy that keeps only the actions a role used (CloudTrail), on the resources it used.",
        discussion: """
        The role's policies and its CloudTrail events come from the source. A used
        action is kept only where the current policies allow it, so the proposal never
        widens access. Standard error lists the granted actions it removes and the
        used actions the current policies do not allow. Review it after a full
        business cycle: CloudTrail's lookup-events sees management events only (data
        events such as s3:GetObject need a trail with data events).

        Examples:
          ebguard policy tighten --role shop-ec2 --from-aws-cli ./export -o tight.json
          ebguard policy tighten --role arn:aws:iam::111122223333:role/api \\
            --snapshot fleet.json --since 30
        """)

    @Option(name: .long, help: ArgumentHelp("The role (name or ARN).", valueName: "name"))
    var role: String

    @Option(name: .customLong("from-aws-cli"), help: ArgumentHelp("Folder of AWS CLI JSON outputs.", valueName: "dir"))
    var fromAWSCLI: String?

    @Option(name: .long, help: ArgumentHelp("Snapshot file written by `ebguard collect`.", valueName: "file"))
    var snapshot: String?

    @Option(name: .long, help: ArgumentHelp("Look-back window in days.", valueName: "days"))
    var since: Int = 90

    @Option(name: [.short, .long], help: "Write the policy to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if fromAWSCLI != nil && snapshot != nil { throw ValidationError("choose one source: --from-aws-cli or --snapshot") }
        if fromAWSCLI == nil && snapshot == nil { throw ValidationError("name a source: --from-aws-cli DIR or --snapshot FILE") }
        if since <= 0 { throw ValidationError("--since must be a positive number of days") }
    }

    func run() async throws {
        do {
            let inventory = try SourceLoader.load(fromAWSCLI: fromAWSCLI, snapshot: snapshot)
            let result = try Self.tighten(roleName: role, in: inventory, since: since, now: Date())
            for line in result.notes { Console.error(line) }
            try ReportPipeline.write(Data((result.policy.json + "\n").utf8), to: output)
        } catch {
            throw CommandFailure.report(error)
        }
    }

    /// The tightened policy and the lines to print on standard error.
    static func tighten(roleName: String, in inventory: Inventory, since days: Int, now: Date) throws -> (policy: TightenedPolicy, notes: [String]) {
        guard let iam = inventory.iam, !iam.roles.isEmpty else {
            throw InputError("the source holds no IAM roles: export them with `aws iam get-account-authorization-details > iam-authorization-details.json`")
        }
        let name = ARN.lastName(of: roleName)
        guard let role = iam.roles[name] else {
            let near = iam.roles.keys.filter { $0.lowercased().contains(name.lowercased()) || name.lowercased().contains($0.lowercased()) }.sorted().prefix(5)
            throw InputError("no role named \(name) in the source (\(iam.roles.count) roles" + (near.isEmpty ? ")" : "; similar: \(near.joined(separator: ", ")))"))
        }
        guard let resolved = PolicyRolePrincipal(role: role, iam: iam) else {
            throw InputError("the source does not carry the policies of role \(name) (export `aws iam get-account-authorization-details`)")
        }
        let export = "export its activity with `aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<instance id or session name> --start-time <\(days) days ago>` into the export folder (`ebguard export-commands` does it per instance)"
        guard let events = inventory.cloudTrailEvents, !events.isEmpty else {
            throw InputError("the source holds no CloudTrail events: \(export)")
        }
        let used = RoleUsage.used(by: role, in: events, since: now.addingTimeInterval(-Double(days) * 86_400))
        guard !used.isEmpty else {
            throw InputError("the source's \(events.count) CloudTrail event(s) hold none by role \(name) in the last \(days) days: \(export)")
        }
        let result = PolicyAnalysis.tighten(resolved.principal, used: used)
        var notes = ["ebguard: role \(name): \(used.count) action(s) used in \(days) days; \(result.summary)"]
        for problem in resolved.problems { notes.append("ebguard: warning: \(problem): the tightened policy leaves out what that policy allows") }
        if !result.removedActions.isEmpty {
            notes.append("removes \(result.removedActions.count) granted action(s) not used:")
            notes += removalLines(result.removedActions)
        }
        if !result.notGranted.isEmpty {
            notes.append("used but not allowed by the current policies (left out; check for AccessDenied errors):")
            notes += result.notGranted.map { "  ! \($0)" }
        }
        return (result, notes)
    }

    /// One line per action, or per service (with its actions) when the list is long.
    static func removalLines(_ actions: [String]) -> [String] {
        guard actions.count > 40 else { return actions.map { "  - \($0)" } }
        var order: [String] = []
        var byService: [String: [String]] = [:]
        for action in actions {
            let parts = action.split(separator: ":", maxSplits: 1).map(String.init)
            let service = parts.first ?? action
            if byService[service] == nil { order.append(service) }
            byService[service, default: []].append(parts.count > 1 ? parts[1] : action)
        }
        return order.map { service in
            let names = byService[service] ?? []
            return "  - \(service) (\(names.count)): \(names.joined(separator: ", "))"
        }
    }
}
