import Foundation
import Testing
@testable import Secrets

/// The byte pre-check never answers differently from Foundation's search.
@Suite struct TextSearchTests {
    static let values = ["", "a", "://", "https://user:pw@host/x", "x:/ /y", "no needle here", "-----BEGIN RSA PRIVATE KEY-----",
                         "----BEGIN", "é://ü", "😀 😀", "tab\there", "://\u{301}x", "https://hooks.slack.com/services/T000/B000/XXX",
                         "hooks.slack.com/services/", "a b"]

    @Test(arguments: ["://", " ", "-----BEGIN", "hooks.slack.com/services/T", "@"] as [StaticString])
    func agreesWithFoundation(_ needle: StaticString) {
        let text = String(describing: needle)
        for value in Self.values {
            #expect(TextSearch.contains(value, needle) == value.contains(text), "\(value) / \(text)")
            // The pre-check may only say "maybe" where Foundation finds the needle.
            if value.contains(text) { #expect(TextSearch.mayContain(value, needle), "\(value) / \(text)") }
        }
    }

    /// Ranges found in the bytes are Foundation's ranges, for ASCII values and all others alike.
    @Test(arguments: ["://", " ", "-----BEGIN", "@", ":listener-rule/"] as [StaticString])
    func rangesAgreeWithFoundation(_ needle: StaticString) {
        let text = String(describing: needle)
        let values = Self.values + ["arn:aws:elasticloadbalancing:us-east-1:111122223333:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
                                    "a\r\n://b", "x@y://z://w", ":listener-rule", "é:listener-rule/x"]
        for value in values {
            let found = TextSearch.range(of: needle, in: value)
            let expected = value.range(of: text)
            #expect(found == expected, "\(value) / \(text)")
            if let found, let expected { #expect(value[found] == value[expected]) }
        }
    }

    @Test func ruledOutByBytes() {
        #expect(!TextSearch.mayContain("plain-value", "://"))
        #expect(!TextSearch.mayContain("ab", "abc"))
        #expect(TextSearch.mayContain("xxabc", "abc"))
        #expect(TextSearch.mayContain("abc", "abc"))
        #expect(TextSearch.mayContain("anything", ""))
    }

    /// What the pre-checks sit in front of still finds what it found.
    @Test func scannerStillFindsURLPasswordsAndPrivateKeys() {
        #expect(SecretScanner.classify(value: "postgres://app:s3cretpass@db.example.com/app", key: "DATABASE_URL")?.kind == .passwordInURL)
        #expect(SecretScanner.classify(value: "postgres://db.example.com/app", key: "DATABASE_HOST") == nil)
        #expect(SecretScanner.classify(value: "https://cdn.example.com/a:b@c", key: "ASSET_URL") == nil, "a slash before the @ is a path, not credentials")
        #expect(SecretScanner.classify(value: "redis://cache:hunter2pass@cache.internal:6379", key: "CACHE_URL")?.redacted == "redis://cache:****@cache.internal:6379")
        #expect(SecretScanner.classify(value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE", key: nil)?.kind == .privateKey)
        #expect(SecretScanner.classify(value: "https://hooks.slack.com/services/T0000/B0000/abcdefghij", key: "HOOK")?.kind == .slackToken)
        #expect(!Entropy.isHighEntropyToken("Xk9 pQ2 zR7 wL4 mN8 vB3 cF6"))
        #expect(!Entropy.isUUID("0f8fad5b-d9cb-469f-a165-70867728950"))
        #expect(Entropy.isUUID("0f8fad5b-d9cb-469f-a165-70867728950e"))
        #expect(!Entropy.isUUID("0f8fad5b-d9cb-469f-a165-70867728950e-db.abcdefgh.us-east-1.rds.amazonaws.com"))
        #expect(Entropy.isUUID("0f8fad5b-d9cb-469f-a165-70867728950é"), "thirty-six characters, whatever their bytes")
    }

    /// Names of AWS secret keys are found in the bytes of an ASCII name as Foundation finds them in
    /// the upper-cased name; other names are still upper-cased as Unicode.
    @Test func awsSecretKeyNamesAgreeWithFoundation() {
        let names = ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "MySecretAccessKey", "SECRET_KEY", "aws_secret_key", "SECRET_KEY_AWS_X",
                     "SECRET-KEY-AWS", "secret_ke", "", "a", "AWS", "DB_PASSWORD", "awsSecret_Key", "ſecret_key_aws", "SECRET_KEY_ÅWS",
                     "é_SECRET_ACCESS_KEY", "SECRETACCESSKEY"]
        for name in names {
            let upper = name.uppercased()
            let expected = upper.contains("SECRET_ACCESS_KEY") || upper.contains("SECRETACCESSKEY") || upper.contains("SECRET_KEY") && upper.contains("AWS")
            #expect(KeyNames.isAWSSecretKey(name) == expected, "\(name)")
        }
        #expect(KeyNames.isAWSSecretKey("aws_secret_key"))
        #expect(KeyNames.isAWSSecretKey("ſecret_key_aws"), "upper-cased as Unicode: ſ is S")
        #expect(!KeyNames.isAWSSecretKey("SECRET_KEY"))
    }

    /// Prefixes are compared in place, at the start only, and never past the value's end.
    @Test func tokenPrefixes() {
        #expect(TokenFormats.hasPrefix(Array("xoxb-123".utf8), ["xoxa-", "xoxb-"]))
        #expect(!TokenFormats.hasPrefix(Array("a-xoxb-123".utf8), ["xoxb-"]))
        #expect(!TokenFormats.hasPrefix(Array("xox".utf8), ["xoxb-"]))
        #expect(!TokenFormats.hasPrefix([], ["AKIA"]))
        #expect(TokenFormats.isAWSAccessKeyId(Array("AKIAIOSFODNN7EXAMPLE".utf8)))
        #expect(!TokenFormats.isAWSAccessKeyId(Array("AKIAiOSFODNN7EXAMPLE".utf8)))
    }
}
