import AWSWire
import Collect
import Foundation
import Inventory

/// What a live collection reads and how.
public struct LiveCollectOptions: Sendable {
    /// Regions to read; empty means the configured region (`--region`, `AWS_REGION`, profile);
    /// `["all"]` means every region the account has enabled (`ec2:DescribeRegions`).
    public var regions: [String]
    /// The shared-config profile.
    public var profile: String?
    /// Only these environments (all when empty).
    public var environmentNames: [String]
    /// CloudTrail look-back window, in days.
    public var lookbackDays: Int
    /// The process environment (credentials, `AWS_ENDPOINT_URL`, …).
    public var environment: [String: String]
    /// At most this many calls in flight per service and region.
    public var maxConcurrentRequestsPerService: Int
    /// Retry behaviour of every call.
    public var retry: RetryPolicy
    /// Progress lines (called often; the callee decides whether to show them).
    public var progress: (@Sendable (String) -> Void)?
    /// The clock, for the look-back window.
    public var now: Date

    /// Creates options; defaults read the process environment.
    public init(regions: [String] = [], profile: String? = nil, environmentNames: [String] = [], lookbackDays: Int = 90,
                environment: [String: String] = ProcessInfo.processInfo.environment, maxConcurrentRequestsPerService: Int = 8,
                retry: RetryPolicy = .standard, progress: (@Sendable (String) -> Void)? = nil, now: Date = Date()) {
        self.regions = regions
        self.profile = profile
        self.environmentNames = environmentNames
        self.lookbackDays = lookbackDays
        self.environment = environment
        self.maxConcurrentRequestsPerService = maxConcurrentRequestsPerService
        self.retry = retry
        self.progress = progress
        self.now = now
    }
}

/// The result of a live collection: the inventory and the calls it took.
public struct LiveCollection: Sendable {
    /// Everything seen, and (as gaps) everything that could not be seen and why.
    public var inventory: Inventory
    /// Attempts per `service:Operation` (retries included).
    public var callsByOperation: [String: Int]
    /// All attempts.
    public var totalCalls: Int { callsByOperation.values.reduce(0, +) }
}

/// Why a live collection could not start at all (it never starts half-blind).
public enum LiveCollectError: Error, CustomStringConvertible {
    /// No region, unknown profile, malformed endpoint: a usage error.
    case configuration(String)
    /// No usable credentials, or the credentials were rejected, or AWS was unreachable.
    case cannotConnect(String)

    public var description: String {
        switch self {
        case .configuration(let reason): "configuration: \(reason)"
        case .cannotConnect(let reason): "cannot read AWS: \(reason)"
        }
    }
}

/// Reads Elastic Beanstalk environments and everything the controls need from live AWS APIs,
/// read-only (the wire layer refuses anything but Describe/Get/List/Lookup and STS identity),
/// with bounded concurrency per service, and maps the answers through the AWS CLI importer's
/// mappers so that a live audit and an export of the same account give the same verdicts.
///
/// A call that fails (access denied, throttled past retries, server error) becomes a
/// `CollectionGap` naming the fact family, the operation and the resource; the collection
/// still finishes. Only identity (`sts:GetCallerIdentity`) failing stops it, with `LiveCollectError`.
public struct LiveCollector: Sendable {
    public let options: LiveCollectOptions

    public init(options: LiveCollectOptions) {
        self.options = options
    }

    public func collect() async throws -> LiveCollection {
        let counter = AWSCallCounter()
        let progress = options.progress.map { ProgressReporter(counter: counter, emit: $0) }
        let base = try makeClient(region: nil, counter: counter)
        let identity = await Fetcher(client: base).fetch(.init(.sts, "GetCallerIdentity"), kind: .callerIdentity, fact: .environments)
        if let gap = identity.gap { throw LiveCollectError.cannotConnect(gap.summary) }
        let account = identity.trees.first?.text("Account")
        let regions = try await resolveRegions(base: base, counter: counter)
        progress?.setRegions(regions)

        let start = options.now.addingTimeInterval(-Double(options.lookbackDays) * 86_400)
        let names = options.environmentNames
        var answers: [Answer] = [identity]
        answers += await withTaskGroup(of: [Answer].self) { group in
            group.addTask { await Self.global(Fetcher(client: base), account: account) }
            for region in regions {
                let client = base.region == region ? base : AWSClient(configuration: Self.reconfigure(base.configuration, region: region),
                                                                      credentials: base.credentialProvider)
                let collector = RegionCollector(fetcher: Fetcher(client: client), account: account, environmentNames: names,
                                                lookbackStart: start, progress: progress)
                group.addTask { await collector.run() }
            }
            var all: [Answer] = []
            for await part in group { all += part }
            return all
        }
        progress?.done()

        var assembler = LiveAssembler(source: InventorySource(kind: "live", location: account.map { "account \($0)" },
                                                              collectedAt: options.now, regions: regions))
        for answer in answers {
            for tree in answer.trees {
                assembler.add(answer.kind, tree, api: answer.pages.first?.operation.description ?? "", region: answer.region)
            }
            if let gap = answer.gap { assembler.record(gap) } else { assembler.provided(answer.fact) }
        }
        var inventory = assembler.finish()
        Self.order(&inventory)
        inventory.source.regions = regions
        return LiveCollection(inventory: inventory, callsByOperation: counter.byOperation)
    }

    /// IAM (one paginated `GetAccountAuthorizationDetails` instead of a call per role and policy)
    /// and the account's S3 Block Public Access (S3 Control, path-style against custom endpoints).
    static func global(_ fetcher: Fetcher, account: String?) async -> [Answer] {
        async let iam = fetcher.fetch(.init(.iam, "GetAccountAuthorizationDetails"), ["MaxItems": 1000], kind: .authorizationDetails, fact: .iamRoles)
        guard let account else { return [await iam] }
        async let block = fetcher.rest(.init(.s3Control, "GetPublicAccessBlock"),
                                       RESTRequest(path: "/v20180820/configuration/publicAccessBlock", accountId: account),
                                       kind: .accountPublicAccessBlock(account: account), fact: .accountPublicAccessBlock, resource: account,
                                       absentCodes: ["NoSuchPublicAccessBlockConfiguration"], absent: PublicAccessBlockXML.none)
        return [await iam, await block]
    }

    func makeClient(region: String?, counter: AWSCallCounter) throws -> AWSClient {
        let explicit = options.regions.filter { $0.lowercased() != "all" }
        var chosen = region ?? explicit.first
        if chosen == nil, (try? AWSSettings(profile: options.profile, environment: options.environment).region) == nil {
            chosen = "us-east-1"  // `--region all` without a configured region: any region can list the others
        }
        do {
            return try AWSClient.make(profile: options.profile, region: chosen, environment: options.environment) { configuration in
                configuration.maxConcurrentRequestsPerService = options.maxConcurrentRequestsPerService
                configuration.retry = options.retry
                configuration.readOnly = true
                configuration.userAgent = "ebguard-live"
                configuration.hook = counter.hook
            }
        } catch let error as AWSError {
            throw LiveCollectError.configuration(error.findingReason)
        }
    }

    static func reconfigure(_ configuration: AWSClient.Configuration, region: String) -> AWSClient.Configuration {
        var copy = configuration
        copy.region = region
        return copy
    }

    /// The regions to read: explicit ones, or every enabled region for `all`, or the configured one.
    func resolveRegions(base: AWSClient, counter: AWSCallCounter) async throws -> [String] {
        let explicit = options.regions.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        if explicit.contains(where: { $0.lowercased() == "all" }) {
            let answer = await Fetcher(client: base).fetch(.init(.ec2, "DescribeRegions"), kind: .vpcs, fact: .environments)
            if let gap = answer.gap { throw LiveCollectError.cannotConnect("cannot list the enabled regions: \(gap.summary)") }
            let regions = answer.trees.flatMap { $0.list("Regions") }.filter { ($0.text("OptInStatus") ?? "opt-in-not-required") != "not-opted-in" }
                .compactMap { $0.text("RegionName") }
            return (regions + explicit.filter { $0.lowercased() != "all" }).uniqued().sorted()
        }
        return explicit.isEmpty ? [base.region] : explicit.uniqued()
    }

    /// Answers arrive in any order; sort so that two collections of the same account are identical.
    static func order(_ inventory: inout Inventory) {
        inventory.environments.sort { ($0.region ?? "", $0.name) < ($1.region ?? "", $1.name) }
        inventory.trails?.sort { ($0.arn ?? $0.name) < ($1.arn ?? $1.name) }
        inventory.alarms?.sort { ($0.region ?? "", $0.name) < ($1.region ?? "", $1.name) }
        inventory.logGroups?.sort { ($0.region ?? "", $0.name) < ($1.region ?? "", $1.name) }
        inventory.vpcEndpoints?.sort { $0.id < $1.id }
        inventory.configRecorders?.sort { ($0.region ?? "", $0.name) < ($1.region ?? "", $1.name) }
        if let events = inventory.cloudTrailEvents {
            var seen = Set<String>()
            inventory.cloudTrailEvents = events.filter { $0.eventId.map { seen.insert($0).inserted } ?? true }
                .sorted { ($0.eventTime ?? .distantPast, $0.eventId ?? "") < ($1.eventTime ?? .distantPast, $1.eventId ?? "") }
        }
        inventory.gaps.sort { ($0.fact.rawValue, $0.operation, $0.resource ?? "", $0.message ?? "") < ($1.fact.rawValue, $1.operation, $1.resource ?? "", $1.message ?? "") }
        for key in inventory.kmsKeys.keys { inventory.kmsKeys[key]?.aliases.sort() }
    }
}
