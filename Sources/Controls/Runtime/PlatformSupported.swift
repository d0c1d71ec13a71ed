import Inventory

extension Control {
    /// EB-RUN-003: the platform version and its branch are supported; medium when a newer version of the branch exists.
    static let platformSupported = Control(
        id: "EB-RUN-003", layer: .runtime, severity: .high,
        title: "The platform version is supported and current",
        rationale: "Retired and deprecated platform branches stop receiving security fixes. A supported branch with a newer version available is missing fixes already released.",
        references: [.seed("001_573b8fe637c46486.txt"), .seed("002_542e4eb9cb5cd64d.txt"), .doc("using-features.platform.upgrade.html")],
        remediation: .manual("Move the environment to the latest version of a supported platform branch (blue/green for a branch change).", commands: [
            "aws elasticbeanstalk list-platform-branches --filters Type=LifecycleState,Operator=in,Values=Supported",
            "aws elasticbeanstalk update-environment --environment-name ENV_NAME --platform-arn <latest-platform-arn>",
        ]),
        examples: [
            .passes("hardened baseline on the latest version of a supported branch"),
            .fails("retired branch") { $0.inventory.platforms[ExampleInventory.Names.platform]?.branchLifecycleState = "Retired" },
            .fails("newer version of the branch exists (medium)") { $0.inventory.platforms[ExampleInventory.Names.platform]?.latestVersionInBranch = "4.4.1" },
            .notAssessed("platform lifecycle not collected") { $0.inventory.platforms = [:] },
        ],
        evaluate: { context in
            guard let arn = context.environment.platformArn else {
                if let stack = context.environment.solutionStackName {
                    return [.notAssessed("platform ARN unknown (solution stack \(stack)); lifecycle needs DescribePlatformVersion")]
                }
                return [.notAssessed("the source does not name the environment's platform")]
            }
            guard let platform = context.inventory.platforms[arn] else {
                return [.notAssessed(context.gapReason(.platforms, resource: arn, fallback: "no DescribePlatformVersion data for \(arn)"))]
            }
            let branch = platform.branchLifecycleState ?? "unknown"
            var evidence = ["platform \(arn)", "branch \(platform.branchName ?? "?") lifecycle: \(branch)"]
            if ["retired", "deprecated"].contains(branch.lowercased()) || platform.status?.lowercased() == "deleted" {
                return [.fail(evidence, origin: platform.origin)]
            }
            guard platform.branchLifecycleState != nil else {
                return [.notAssessed("branch lifecycle state of \(arn) not provided")]
            }
            if let latest = platform.latestVersionInBranch, let current = platform.version, isOutdated(current, latest: latest) {
                evidence.append("version \(current); newer \(latest) exists in the branch")
                return [.fail(evidence, origin: platform.origin, severity: .medium)]
            }
            return [Outcome(verdict: .pass, evidence: evidence, origin: platform.origin)]
        })
}

/// `PlatformVersion.isVersion(current, olderThan: latest)`, answered once per pair of versions:
/// a fleet runs a handful of platform versions, and every environment asks about its own.
private func isOutdated(_ current: String, latest: String) -> Bool {
    outdatedVersions.answer(VersionPair(current: current, latest: latest)) { PlatformVersion.isVersion(current, olderThan: latest) }
}

private struct VersionPair: Hashable, Sendable {
    var current: String
    var latest: String
}

private let outdatedVersions = BoundedMemo<VersionPair, Bool>(capacity: 1_000)
