import Testing
import Inventory
import Secrets
@testable import IaC

/// The IaC pre-filter must never hide a secret `SecretScanner` would find.
@Suite struct SecretProbeTests {
    static let samples = [
        "AKIAIOSFODNN7EXAMPLF", "ASIAIOSFODNN7EXAMPLF", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789",
        "xoxb-123456789012-123456789012-abcdefghijklmnopqrstuvwx", "https://hooks.slack.com/services/T000/B000/XXXX",
        "sk_live_abcdefghijklmnopqrstuvwx", "AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "postgres://app:s3cretPassw0rd@db.example.com/app", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
        "\"AKIAIOSFODNN7EXAMPLF\"",
    ]

    @Test func everyFormatPassesTheFilter() {
        for sample in Self.samples {
            #expect(SecretScanner.classify(value: sample, key: nil) != nil, "sample is a secret: \(sample)")
            #expect(SecretProbe.mightMatchFormat(sample), "\(sample)")
            #expect(SecretProbe.classify(value: sample, key: "Value", entropy: false) != nil, "\(sample)")
        }
        #expect(!SecretProbe.mightMatchFormat("arn:aws:iam::aws:policy/AdministratorAccess"))
        #expect(!SecretProbe.mightMatchFormat("64bit Amazon Linux 2023 v4.0.0 running Python 3.11"))
    }

    @Test func keySensitivityIsCachedButAgrees() {
        for key in ["DB_PASSWORD", "MasterUserPassword", "Value", "EC2KeyName", "AWS_SECRET_ACCESS_KEY", "api_token"] {
            let expected = SecretScanner.classify(value: "zqxprobevaluezqx", key: key) != nil
            #expect(SecretProbe.isSensitive(key) == expected)
            #expect(SecretProbe.isSensitive(key) == expected)
        }
        #expect(SecretProbe.isSensitive("DB_PASSWORD"))
        #expect(!SecretProbe.isSensitive("InstanceType"))
    }
}
