import Foundation
import Testing

@Suite struct PolicyTightenTests {
    /// A small AWS CLI export: one role with an inline and a customer managed policy, and CloudTrail
    /// events by its sessions (recent, plus one outside the window).
    static func export(events: Bool = true) throws -> PolicyScratch {
        let scratch = try PolicyScratch()
        let inline = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::app/*"},{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#
        let managed = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:PutLogEvents","logs:DeleteLogGroup"],"Resource":"*"}]}"#
        let details: [String: Any] = [
            "UserDetailList": [], "GroupDetailList": [],
            "RoleDetailList": [[
                "Path": "/", "RoleName": "app-ec2", "RoleId": "AROAAPP", "Arn": "arn:aws:iam::111122223333:role/app-ec2",
                "AssumeRolePolicyDocument": ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["Service": "ec2.amazonaws.com"], "Action": "sts:AssumeRole"]]],
                "InstanceProfileList": [], "Tags": [],
                "RolePolicyList": [["PolicyName": "app", "PolicyDocument": try JSONSerialization.jsonObject(with: Data(inline.utf8))]],
                "AttachedManagedPolicies": [["PolicyName": "logs", "PolicyArn": "arn:aws:iam::111122223333:policy/logs"]],
            ]],
            "Policies": [[
                "PolicyName": "logs", "Arn": "arn:aws:iam::111122223333:policy/logs", "DefaultVersionId": "v1",
                "PolicyVersionList": [["VersionId": "v1", "IsDefaultVersion": true, "Document": try JSONSerialization.jsonObject(with: Data(managed.utf8))]],
            ]],
        ]
        try scratch.write("iam-authorization-details.json", String(decoding: try JSONSerialization.data(withJSONObject: details), as: UTF8.self))
        guard events else { return scratch }
        let formatter = ISO8601DateFormatter()
        func event(_ source: String, _ name: String, daysAgo: Double, role: String = "app-ec2", resources: [[String: String]] = []) throws -> [String: Any] {
            let time = formatter.string(from: Date().addingTimeInterval(-daysAgo * 86_400))
            let record: [String: Any] = [
                "eventTime": time, "eventSource": "\(source).amazonaws.com", "eventName": name, "awsRegion": "us-east-1",
                "userIdentity": ["type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/\(role)/i-0abc"],
            ]
            return ["EventId": UUID().uuidString, "EventName": name, "EventTime": time, "EventSource": "\(source).amazonaws.com",
                    "Username": "i-0abc", "Resources": resources,
                    "CloudTrailEvent": String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)]
        }
        let list = [
            try event("s3", "GetObject", daysAgo: 2, resources: [["ResourceType": "AWS::S3::Object", "ResourceName": "arn:aws:s3:::app/report.csv"]]),
            try event("logs", "PutLogEvents", daysAgo: 3),
            try event("dynamodb", "GetItem", daysAgo: 4),
            try event("sqs", "SendMessage", daysAgo: 200),
            try event("s3", "DeleteObject", daysAgo: 1, role: "other-role"),
        ]
        try scratch.write("us-east-1/cloudtrail-events.json", String(decoding: try JSONSerialization.data(withJSONObject: ["Events": list]), as: UTF8.self))
        return scratch
    }

    @Test func tightenedPolicyKeepsOnlyUsedActions() throws {
        let scratch = try Self.export()
        let output = scratch.path("tight.json")
        let result = try PolicyCLI.run(["policy", "tighten", "--role", "app-ec2", "--from-aws-cli", scratch.folder.path, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let statements = try #require(document["Statement"] as? [[String: Any]])
        var actions: [String] = []
        for statement in statements {
            #expect(statement["Effect"] as? String == "Allow")
            if let one = statement["Action"] as? String { actions.append(one) } else { actions += statement["Action"] as? [String] ?? [] }
        }
        #expect(actions.sorted() == ["logs:PutLogEvents", "s3:GetObject"])
        let s3 = try #require(statements.first { ($0["Action"] as? String) == "s3:GetObject" })
        #expect(s3["Resource"] as? String == "arn:aws:s3:::app/report.csv")
        #expect(result.stderr.contains("s3:DeleteObject") && result.stderr.contains("sqs:SendMessage") && result.stderr.contains("logs:DeleteLogGroup"))
        #expect(result.stderr.contains("! dynamodb:GetItem"))
        let wider = try PolicyCLI.run(["policy", "tighten", "--role", "arn:aws:iam::111122223333:role/app-ec2", "--from-aws-cli", scratch.folder.path, "--since", "365"])
        #expect(wider.status == 0 && wider.stdout.contains("sqs:SendMessage"))
    }

    @Test func unknownRoleAndMissingEventsAreClearErrors() throws {
        let scratch = try Self.export()
        let unknown = try PolicyCLI.run(["policy", "tighten", "--role", "app", "--from-aws-cli", scratch.folder.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("no role named app") && unknown.stderr.contains("app-ec2"))
        let quiet = try Self.export(events: false)
        let none = try PolicyCLI.run(["policy", "tighten", "--role", "app-ec2", "--from-aws-cli", quiet.folder.path])
        #expect(none.status == 2 && none.stderr.contains("no CloudTrail events") && none.stderr.contains("lookup-events"))
        let old = try PolicyCLI.run(["policy", "tighten", "--role", "app-ec2", "--from-aws-cli", scratch.folder.path, "--since", "1"])
        #expect(old.status == 2 && old.stderr.contains("none by role app-ec2 in the last 1 days"))
        let noSource = try PolicyCLI.run(["policy", "tighten", "--role", "app-ec2"])
        #expect(noSource.status != 0 && noSource.stderr.contains("--from-aws-cli"))
    }
}
