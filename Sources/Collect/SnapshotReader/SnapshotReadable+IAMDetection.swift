import Foundation
import Inventory

// Snapshot fields of the model: IAM and detection (trails, alarms, log groups, recorders, CloudTrail events).
// One line per stored property, as the synthesized `Codable` conformance encodes it.

extension IAMInventory: SnapshotObject {
    static let snapshotFields: SnapshotFields<IAMInventory> = [
        .required("roles", \.roles),
        .required("instanceProfiles", \.instanceProfiles),
        .required("managedPolicies", \.managedPolicies),
        .optional("users", \.users),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> IAMInventory { IAMInventory() }
}

extension InlinePolicy: SnapshotObject {
    static let snapshotFields: SnapshotFields<InlinePolicy> = [
        .required("name", \.name),
        .optional("document", \.document),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> InlinePolicy { InlinePolicy(name: "", document: nil) }
}

extension Role: SnapshotObject {
    static let snapshotFields: SnapshotFields<Role> = [
        .required("name", \.name),
        .optional("arn", \.arn),
        .optional("path", \.path),
        .optional("trustPolicy", \.trustPolicy),
        .optional("inlinePolicies", \.inlinePolicies),
        .optional("attachedPolicyArns", \.attachedPolicyArns),
        .optional("permissionsBoundaryArn", \.permissionsBoundaryArn),
        .required("tags", \.tags),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Role { Role(name: "") }
}

extension InstanceProfile: SnapshotObject {
    static let snapshotFields: SnapshotFields<InstanceProfile> = [
        .required("name", \.name),
        .optional("arn", \.arn),
        .required("roleNames", \.roleNames),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> InstanceProfile { InstanceProfile(name: "") }
}

extension ManagedPolicy: SnapshotObject {
    static let snapshotFields: SnapshotFields<ManagedPolicy> = [
        .required("arn", \.arn),
        .required("name", \.name),
        .optional("document", \.document),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> ManagedPolicy { ManagedPolicy(arn: "", name: "") }
}

extension User: SnapshotObject {
    static let snapshotFields: SnapshotFields<User> = [
        .required("name", \.name),
        .optional("arn", \.arn),
        .optional("inlinePolicies", \.inlinePolicies),
        .optional("attachedPolicyArns", \.attachedPolicyArns),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> User { User(name: "") }
}

extension Trail: SnapshotObject {
    static let snapshotFields: SnapshotFields<Trail> = [
        .required("name", \.name),
        .optional("arn", \.arn),
        .optional("homeRegion", \.homeRegion),
        .optional("isMultiRegion", \.isMultiRegion),
        .optional("logFileValidation", \.logFileValidation),
        .optional("isLogging", \.isLogging),
        .optional("includeGlobalServiceEvents", \.includeGlobalServiceEvents),
        .optional("kmsKeyId", \.kmsKeyId),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Trail { Trail(name: "") }
}

extension Alarm: SnapshotObject {
    static let snapshotFields: SnapshotFields<Alarm> = [
        .required("name", \.name),
        .optional("namespace", \.namespace),
        .optional("metricName", \.metricName),
        .required("dimensions", \.dimensions),
        .optional("actionsEnabled", \.actionsEnabled),
        .required("alarmActions", \.alarmActions),
        .optional("region", \.region),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Alarm { Alarm(name: "") }
}

extension LogGroup: SnapshotObject {
    static let snapshotFields: SnapshotFields<LogGroup> = [
        .required("name", \.name),
        .optional("retentionInDays", \.retentionInDays),
        .optional("kmsKeyId", \.kmsKeyId),
        .optional("region", \.region),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> LogGroup { LogGroup(name: "") }
}

extension ConfigRecorder: SnapshotObject {
    static let snapshotFields: SnapshotFields<ConfigRecorder> = [
        .required("name", \.name),
        .optional("region", \.region),
        .optional("allSupported", \.allSupported),
        .required("resourceTypes", \.resourceTypes),
        .optional("recording", \.recording),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> ConfigRecorder { ConfigRecorder(name: "") }
}

extension CloudTrailEvent: SnapshotObject {
    static let snapshotFields: SnapshotFields<CloudTrailEvent> = [
        .optional("eventId", \.eventId),
        .required("eventName", \.eventName),
        .optional("eventSource", \.eventSource),
        .optional("eventTime", \.eventTime),
        .optional("region", \.region),
        .optional("userIdentityType", \.userIdentityType),
        .optional("principalArn", \.principalArn),
        .optional("userName", \.userName),
        .optional("sourceIPAddress", \.sourceIPAddress),
        .optional("errorCode", \.errorCode),
        .required("resources", \.resources),
        .required("requestParameters", \.requestParameters),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> CloudTrailEvent { CloudTrailEvent(eventName: "") }
}
