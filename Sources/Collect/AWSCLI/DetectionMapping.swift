import Foundation
import Inventory
import Secrets

/// CloudTrail, CloudWatch, CloudWatch Logs and AWS Config outputs → inventory.
enum DetectionMapping {
    static func trails(_ json: JSONObject, origin: Origin) -> [Trail] {
        json.objects("trailList").compactMap { item in
            guard let name = item.string("Name") else { return nil }
            var trail = Trail(name: name)
            trail.arn = item.string("TrailARN")
            trail.homeRegion = item.string("HomeRegion")
            trail.isMultiRegion = item.bool("IsMultiRegionTrail")
            trail.logFileValidation = item.bool("LogFileValidationEnabled")
            trail.includeGlobalServiceEvents = item.bool("IncludeGlobalServiceEvents")
            trail.kmsKeyId = item.string("KmsKeyId")
            trail.origin = origin
            return trail
        }
    }

    static func cloudTrailEvents(_ json: JSONObject, origin: Origin) -> [CloudTrailEvent] {
        json.objects("Events").compactMap { item in
            guard let name = item.string("EventName") else { return nil }
            var event = CloudTrailEvent(eventName: name)
            event.eventId = item.string("EventId")
            event.eventSource = item.string("EventSource")
            event.eventTime = item.date("EventTime")
            event.userName = item.string("Username")
            event.resources = item.objects("Resources").compactMap { $0.string("ResourceName") }
            if let detail = item.embeddedDocument("CloudTrailEvent") {
                apply(detail, to: &event)
            } else if let raw = item.string("CloudTrailEvent"), let data = raw.data(using: .utf8),
                      let detail = (try? FoundationJSON.jsonObject(with: data)) as? [String: Any] {
                apply(JSONObject(detail), to: &event)
            }
            event.origin = origin
            return event
        }
    }

    /// Reads the fields detectors use from a CloudTrail record, redacting any secret in parameters.
    static func apply(_ detail: JSONObject, to event: inout CloudTrailEvent) {
        let identity = detail.object("userIdentity")
        event.userIdentityType = identity?.string("type")
        event.principalArn = identity?.string("arn")
        event.sourceIPAddress = detail.string("sourceIPAddress")
        event.errorCode = detail.string("errorCode")
        event.region = detail.string("awsRegion")
        if event.eventTime == nil { event.eventTime = detail.date("eventTime") }
        guard let parameters = detail.object("requestParameters") else { return }
        for key in ["environmentName", "environmentId", "applicationName", "templateName"] {
            if let value = parameters.string(key) {
                event.requestParameters[key] = value
                if key == "environmentName" || key == "environmentId", !event.resources.contains(value) { event.resources.append(value) }
            }
        }
        for option in parameters.objects("optionSettings") {
            guard let namespace = option.string("namespace"), let name = option.string("optionName") else { continue }
            var value = option.string("value") ?? ""
            if let hit = SecretScope.classify(value: value, key: name) { value = hit.redacted }
            event.requestParameters["option:\(namespace)/\(name)"] = value
        }
    }

    static func alarms(_ json: JSONObject, origin: Origin) -> [Alarm] {
        json.objects("MetricAlarms").compactMap { item in
            guard let name = item.string("AlarmName") else { return nil }
            var dimensions: [String: String] = [:]
            for dimension in item.objects("Dimensions") { if let key = dimension.string("Name") { dimensions[key] = dimension.string("Value") ?? "" } }
            return Alarm(name: name, namespace: item.string("Namespace"), metricName: item.string("MetricName"), dimensions: dimensions,
                         actionsEnabled: item.bool("ActionsEnabled"), alarmActions: item.strings("AlarmActions"),
                         region: item.string("AlarmArn").flatMap(RegionName.fromARN), origin: origin)
        }
    }

    static func logGroups(_ json: JSONObject, origin: Origin) -> [LogGroup] {
        json.objects("logGroups").compactMap { item in
            guard let name = item.string("logGroupName") else { return nil }
            return LogGroup(name: name, retentionInDays: item.int("retentionInDays"), kmsKeyId: item.string("kmsKeyId"),
                            region: item.string("arn").flatMap(RegionName.fromARN), origin: origin)
        }
    }

    static func configRecorders(_ json: JSONObject, origin: Origin) -> [ConfigRecorder] {
        json.objects("ConfigurationRecorders").compactMap { item in
            guard let name = item.string("name") else { return nil }
            let group = item.object("recordingGroup")
            return ConfigRecorder(name: name, region: nil, allSupported: group?.bool("allSupported"), resourceTypes: group?.strings("resourceTypes") ?? [], origin: origin)
        }
    }
}
