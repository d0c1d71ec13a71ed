import Foundation
import Inventory
import Testing
@testable import Secrets

@Suite struct SecretScannerTests {
    @Test func redactsLongValuesKeepingEnds() {
        #expect(Redaction.redact("AKIAIOSFODNN7EXAMPLE") == "AKIA****MPLE")
        #expect(Redaction.redact("hunter2") == "****")
        #expect(Redaction.redact("correcthorse1") == "corr****")
    }

    @Test func findsAWSAccessKeyIdWithoutContext() throws {
        let hit = try #require(SecretScanner.classify(value: "AKIAIOSFODNN7EXAMPLE", key: "SOMETHING"))
        #expect(hit.kind == .awsAccessKeyId)
        #expect(hit.redacted == "AKIA****MPLE")
    }

    @Test func findsSecretAccessKeyByKeyName() throws {
        let hit = try #require(SecretScanner.classify(value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", key: "AWS_SECRET_ACCESS_KEY"))
        #expect(hit.kind == .awsSecretAccessKey)
        #expect(!hit.redacted.contains("K7MDENG"))
    }

    /// A tag's `Key: team` is a name, not a secret; a real secret under such a key is still found.
    @Test func aKeyNamedKeyNamesThings() throws {
        #expect(SecretScanner.classify(value: "service", key: "Key") == nil)
        #expect(SecretScanner.classify(value: "cost-center", key: "key") == nil)
        #expect(SecretScanner.scan(line: "        - Key: environment").isEmpty)
        #expect(SecretScanner.classify(value: "AKIAIOSFODNN7EXAMPLE", key: "Key")?.kind == .awsAccessKeyId)
        #expect(SecretScanner.classify(value: "q8Zt3Lw9Xv2Rk7Pm4Nc6Hb1Jd5Gf0Sy", key: "Key")?.kind == .highEntropy)
    }

    @Test(arguments: ["DB_PASSWORD", "RDS_PASSWORD", "STRIPE_SECRET", "SESSION_TOKEN", "API_KEY", "signing_key"])
    func sensitiveKeysAreReported(key: String) throws {
        let hit = try #require(SecretScanner.classify(value: "s3cr3t-value-9", key: key))
        #expect(hit.kind == .sensitiveKey)
        #expect(hit.redacted == "s3cr****")
    }

    @Test(arguments: [
        ("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"),
        ("DB_PASSWORD", "{{resolve:secretsmanager:db:SecretString:password}}"),
        ("API_KEY", "arn:aws:ssm:us-east-1:123456789012:parameter/app/api-key"),
        ("AWS_ACCESS_KEY_ID_PATH", "/etc/keys"),
        ("TOKEN_TTL", "3600"),
        ("DB_PASSWORD", "${DB_PASSWORD}"),
        ("RDS_HOSTNAME", "db.abc.us-east-1.rds.amazonaws.com"),
        ("SSL_KEY", "/etc/ssl/private/app.key"),
        ("ENABLE_TOKEN", "true"),
        ("REQUEST_ID", "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"),
    ])
    func referencesAndNonSecretsAreNotReported(key: String, value: String) {
        #expect(SecretScanner.classify(value: value, key: key) == nil)
    }

    @Test func findsPasswordInConnectionString() throws {
        let hit = try #require(SecretScanner.classify(value: "postgres://app:Sup3rS3cret@db.internal:5432/app", key: "DATABASE_URL"))
        #expect(hit.kind == .passwordInURL)
        #expect(hit.redacted == "postgres://app:****@db.internal:5432/app")
    }

    @Test func findsWellKnownTokens() {
        #expect(SecretScanner.classify(value: "ghp_" + String(repeating: "a1B2", count: 9), key: nil)?.kind == .githubToken)
        #expect(SecretScanner.classify(value: "xoxb-1234567890-abcdefghijkl", key: nil)?.kind == .slackToken)
        #expect(SecretScanner.classify(value: "sk_live_4eC39HqLyjWDarjtT1zdp7dc", key: nil)?.kind == .stripeKey)
        #expect(SecretScanner.classify(value: "AIzaSyA-1234567890abcdefghijklmnopqrstu", key: nil)?.kind == .googleAPIKey)
        #expect(SecretScanner.classify(value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dGVzdHNpZ25hdHVyZQ", key: nil)?.kind == .jwt)
    }

    @Test func highEntropyValueUnderNeutralKeyIsReported() {
        #expect(SecretScanner.classify(value: "q8Zr2mX9vLp4Tn7Wc1Yb5Hd3Kf6Gj0Sa", key: "APP_SEED")?.kind == .highEntropy)
        #expect(SecretScanner.classify(value: "my-application-name-prod", key: "APP_NAME") == nil)
    }

    @Test func scansScriptLinesWithColumns() throws {
        let line = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"
        let results = SecretScanner.scan(line: line)
        let first = try #require(results.first)
        #expect(first.hit.kind == .awsAccessKeyId)
        #expect(first.column == 26)
        #expect(first.hit.key == "AWS_ACCESS_KEY_ID")
        #expect(SecretScanner.redactLine(line) == "export AWS_ACCESS_KEY_ID=AKIA****MPLE")
    }

    @Test func scansAssignmentsInScripts() {
        #expect(SecretScanner.scan(line: "DB_PASSWORD=\"Tr0ub4dor&3x\"").first?.hit.kind == .sensitiveKey)
        #expect(SecretScanner.scan(line: "echo hello world").isEmpty)
        #expect(SecretScanner.scan(line: "password: ${DB_PASSWORD}").isEmpty)
        #expect(SecretScanner.redactLine("DB_PASSWORD=\"Tr0ub4dor&3x\"") == "DB_PASSWORD=\"Tr0u****\"")
    }

    @Test func privateKeysAreFoundAndRedacted() {
        let line = "-----BEGIN RSA PRIVATE KEY-----"
        #expect(SecretScanner.scan(line: line).first?.hit.kind == .privateKey)
        #expect(SecretScanner.redactLine("key: -----BEGIN RSA PRIVATE KEY-----MIIEow") == "-----BEGIN PRIVATE KEY----- ****" || !SecretScanner.redactLine("key: -----BEGIN RSA PRIVATE KEY-----MIIEow").contains("MIIEow"))
    }

    @Test func trimsQuotesAndWhitespaceLikeFoundation() {
        let set = CharacterSet(charactersIn: " \t\r\n\"'")
        for value in ["plain", " padded ", "\"quoted\"", "'single'", "\r\nline\r\n", "in side", "é\"", "\"\u{301}x", "", "  ", "\t\"'"] {
            #expect(SecretScanner.trimmed(value) == value.trimmingCharacters(in: set), "\(value)")
        }
        #expect(SecretScanner.classify(value: " \"AKIAIOSFODNN7EXAMPLE\" ", key: "SOMETHING")?.kind == .awsAccessKeyId)
    }
}
