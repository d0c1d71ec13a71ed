import Foundation
import Testing
@testable import IAMPolicy

/// The direct reader (`PolicyDocument(wellFormed:)`) must give the tree path's document for every
/// text it accepts, and leave every text it cannot read with certainty to the tree path.
@Suite("Policy documents read without a JSON tree")
struct DirectReadingTests {
    /// The tree path's answer, for comparison.
    private func tree(_ json: String) throws -> PolicyDocument {
        try PolicyDocument(tree: Array(json.utf8))
    }

    private func direct(_ json: String) -> PolicyDocument? {
        PolicyDocument(wellFormed: Array(json.utf8))
    }

    static let wellFormed = [
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}}"#,
        // The version after the statements, or none: policy variables are literal text before 2012-10-17.
        #"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}],"Version":"2012-10-17"}"#,
        #"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}],"Version":"2008-10-17"}"#,
        #"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}]}"#,
        #"{"Version":"2008-10-17","Id":"x","Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::b"}]}"#,
        #" { "Version" : "2012-10-17" , "Statement" : [ ] } "#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":[]},{"Effect":"Allow","NotAction":"s3:*"}]}"#,
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::210987654321:root"],"Service":"ec2.amazonaws.com"},
           "Action":"sts:AssumeRole","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true}}},
          {"Effect":"Allow","NotPrincipal":"*","Action":"*"},
          {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}
        ]}
        """,
        #"{"Statement":[{"Sid":"caf\u00e9 \ud83d\ude00 \"q\"","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k\/x"}]}"#,
    ]

    @Test(arguments: wellFormed)
    func sameDocumentAsTheTreePath(_ json: String) throws {
        let expected = try tree(json)
        let read = try #require(direct(json))
        #expect(read == expected)
        #expect(read.version == expected.version && read.id == expected.id)
        #expect(read.statements.map(\.resource) == expected.statements.map(\.resource))
        #expect(read.statements.map { $0.resource?.patterns.map(\.hasVariables) } == expected.statements.map { $0.resource?.patterns.map(\.hasVariables) })
        #expect(try PolicyDocument(json: json) == expected)
    }

    @Test func everyBundledManagedPolicyReadsTheSame() throws {
        let store = ManagedPolicyStore.shared
        #expect(store.names.count > 100)
        var read = 0
        for name in store.names {
            let entry = try #require(store.entries[name])
            let bytes = Array(store.bytes[entry.document])
            let expected = try PolicyDocument(tree: bytes)
            let document = try #require(PolicyDocument(wellFormed: bytes), "\(name)")
            #expect(document == expected, "\(name)")
            read += 1
        }
        #expect(read == store.names.count)
    }

    static let leftToTheTreePath = [
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:PutObject"}]}"#,  // repeated element
        #"{"Version":"2012-10-17","Version":"2012-10-17","Statement":[]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Bogus":1}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","NotResource":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",1]}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}] trailing"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"someone","Action":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Condition":{"StringEquals":"x"}}]}"#,
        #"{"Version":"2012-10-17","Statement":"none"}"#,
        #"{"Version":"2012-10-18","Statement":[]}"#,
        #"{"Version":"2012-10-17","Id":7,"Statement":[]}"#,
        #"{"Version":"2012-10-17"}"#,
        #"[{"Effect":"Allow","Action":"*"}]"#,
        #"{"Version":"2012-10-17","Statement":[{"Sid":"a\x","Effect":"Allow","Action":"*"}]}"#,
    ]

    /// Member names are compared as written: a name spelled with escapes (valid JSON) is left to
    /// the tree path, which reads it as the plain name.
    static let escapedNames = [
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Act\u0069on":"s3:GetObject","Resource":"*"}]}"#,
        #"{"Versio\u006e":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","S\/id":"x"}]}"#,
    ]

    @Test(arguments: escapedNames)
    func escapedMemberNamesAreLeftToTheTreePath(_ json: String) throws {
        #expect(direct(json) == nil)
        let plain = json.replacingOccurrences(of: #"\u0069"#, with: "i").replacingOccurrences(of: #"\u006e"#, with: "n")
        if plain != json {
            // The same document as the plain spelling, which the direct reader accepts.
            #expect(try PolicyDocument(json: json) == (try #require(direct(plain))))
        } else {
            // `S/id` is no statement element: an error either way.
            #expect(throws: PolicyParseError.self) { try PolicyDocument(json: json) }
        }
    }

    @Test(arguments: leftToTheTreePath)
    func doubtfulTextsAreLeftToTheTreePath(_ json: String) {
        #expect(direct(json) == nil)
        // The tree path then decides: here every text but the repeated-element ones is an error.
        let repeated = json.contains(#""Action":"s3:GetObject","Action""#) || json.contains(#""Version":"2012-10-17","Version""#)
        if !repeated {
            #expect(throws: PolicyParseError.self) { try PolicyDocument(json: json) }
        }
    }
}
