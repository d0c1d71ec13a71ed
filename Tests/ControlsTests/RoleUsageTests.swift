import Foundation
import IAMPolicy
import Inventory
import Testing
@testable import Controls

/// What a role was seen calling: its own sessions' events in the window, each action once in the
/// order first seen, with the ARNs its events name, sorted and each once.
@Suite("Role usage from CloudTrail")
struct RoleUsageTests {
    static let role = Role(name: "app-ec2", arn: "arn:aws:iam::111122223333:role/app-ec2")
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func event(_ source: String, _ name: String, by principal: String = "arn:aws:sts::111122223333:assumed-role/app-ec2/i-1",
                      at time: Date = now, resources: [String] = []) -> CloudTrailEvent {
        var event = CloudTrailEvent(eventName: name)
        event.eventSource = source
        event.principalArn = principal
        event.eventTime = time
        event.resources = resources
        return event
    }

    @Test func actionsInFirstSeenOrderWithTheirARNsSortedOnce() {
        let events = [
            Self.event("s3.amazonaws.com", "GetObject", resources: ["arn:aws:s3:::b/z", "not-an-arn"]),
            Self.event("logs.amazonaws.com", "PutLogEvents"),
            Self.event("s3.amazonaws.com", "GetObject", resources: ["arn:aws:s3:::b/a", "arn:aws:s3:::b/z"]),
            Self.event("s3.amazonaws.com", "PutObject", by: "arn:aws:sts::111122223333:assumed-role/other/i-2"),
            Self.event("s3.amazonaws.com", "DeleteObject", at: Self.now.addingTimeInterval(-100 * 86_400)),
            Self.event("sts.amazonaws.com", "GetCallerIdentity", by: Self.role.arn ?? ""),
        ]
        let used = RoleUsage.used(by: Self.role, in: events, since: Self.now.addingTimeInterval(-90 * 86_400))
        #expect(used == [UsedAction("s3:GetObject", resources: ["arn:aws:s3:::b/a", "arn:aws:s3:::b/z"]),
                         UsedAction("logs:PutLogEvents"), UsedAction("sts:GetCallerIdentity")])
    }

    @Test func aRoleThatCallsManyActionsKeepsEveryOneOnce() {
        // More actions than a list is searched for, each called twice, the second time with an ARN.
        let names = (0..<40).map { "Action\($0)" }
        let events = names.map { Self.event("ec2.amazonaws.com", $0) }
            + names.reversed().map { Self.event("ec2.amazonaws.com", $0, resources: ["arn:aws:ec2:::x/\($0)"]) }
        let used = RoleUsage.used(by: Self.role, in: events, since: Self.now.addingTimeInterval(-86_400))
        #expect(used.map(\.action) == names.map { "ec2:" + $0 })
        #expect(used.map(\.resources) == names.map { ["arn:aws:ec2:::x/\($0)"] })
    }
}
