import Foundation
import Testing
@testable import IAMPolicy

@Suite("Policy document parsing")
struct ParsingTests {
    @Test func statementAsObjectAndStringFields() throws {
        let document = try doc(#"{"Version":"2012-10-17","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#)
        #expect(document.version == "2012-10-17")
        #expect(document.statements.count == 1)
        #expect(document.statements[0].sid == "One")
        #expect(document.statements[0].action == .actions([ActionPattern("s3:GetObject")]))
        #expect(document.statements[0].resourceTexts == ["arn:aws:s3:::b/*"])
    }

    @Test func statementArrayNotElementsPrincipalsAndConditions() throws {
        let document = try doc("""
        {"Version":"2008-10-17","Id":"x","Statement":[
          {"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::b"},
          {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::210987654321:root"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"abc"},
           "Action":"sts:AssumeRole","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true},
           "ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*","b"]}}},
          {"Effect":"Allow","NotPrincipal":"*","Action":"*"}
        ]}
        """)
        #expect(document.statements.count == 3)
        #expect(document.statements[0].action.isNegated)
        #expect(document.statements[0].resource?.isNegated == true)
        let principal = try #require(document.statements[1].principal)
        #expect(principal.entries.count == 5)
        #expect(principal.entries.compactMap(\.account) == ["123456789012", "210987654321"])
        let clauses = document.statements[1].condition.clauses
        #expect(clauses.first { $0.key == "aws:MultiFactorAuthAge" }?.values == ["3600"])
        #expect(clauses.first { $0.key == "aws:SecureTransport" }?.values == ["true"])
        let tagClause = try #require(clauses.first { $0.key == "aws:TagKeys" })
        #expect(tagClause.op.qualifier == .forAnyValue)
        #expect(tagClause.op.ifExists)
        #expect(tagClause.op.base == .stringLike)
        #expect(document.statements[2].notPrincipal == .everyone)
    }

    @Test func urlEncodedDocumentAsTheIAMAPIReturnsIt() throws {
        let plain = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        let encoded = try #require(plain.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(encoded.hasPrefix("%7B"))
        #expect(try PolicyDocument(json: encoded) == PolicyDocument(json: plain))
        #expect(try PolicyDocument(data: Data(encoded.utf8)) == PolicyDocument(json: plain))
    }

    @Test(arguments: [
        ("", "invalid JSON"),
        ("{", "invalid JSON"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*"}]} trailing"#, "after the JSON value"),
        ("[1,2]", "expected object"),
        (#"{"Version":"2012-10-17"}"#, "missing Statement"),
        (#"{"Statement":[{"Action":"s3:*"}]}"#, "Statement[0]: missing Effect"),
        (#"{"Statement":[{"Effect":"Permit","Action":"s3:*"}]}"#, "Statement[0].Effect"),
        (#"{"Statement":[{"Effect":"Allow"}]}"#, "missing Action or NotAction"),
        (#"{"Statement":[{"Effect":"Allow","Action":"a:b","NotAction":"c:d"}]}"#, "Action and NotAction"),
        (#"{"Statement":[{"Effect":"Allow","Action":["s3:Get*",42]}]}"#, "Statement[0].Action[1]: expected string, found number"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":{"a":1}}]}"#, "Statement[0].Resource"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":"x"}}]}"#, "Condition.StringEquals: expected object"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{"k":{"n":1}}}}]}"#, "Condition.StringEquals.k"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":"me"}]}"#, "Statement[0].Principal"),
        (#"{"Version":"2020-01-01","Statement":[]}"#, "unsupported policy version"),
        (#"{"Statement":[],"Extra":1}"#, "unknown element Extra"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Bogus":1}]}"#, "unknown element Bogus"),
        (#"{"Statement":"nope"}"#, "expected object or array"),
        ("%E0%A4%A", "URL-encoded"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:\u12"}]}"#, "invalid JSON"),
    ])
    func malformedInputThrowsTypedErrorSayingWhere(input: String, expected: String) {
        do {
            _ = try PolicyDocument(json: input)
            Issue.record("expected a parse error for \(input)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func deeplyNestedInputDoesNotCrash() {
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: PolicyParseError.self) { try PolicyDocument(json: hostile) }
    }

    @Test func syntaxErrorsReportLineAndColumn() {
        do {
            _ = try PolicyDocument(json: "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",,}\n  ]\n}")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.path == "line 3, column 24")
        }
    }

    @Test func escapesAndUnicodeSurvive() throws {
        let document = try doc(#"{"Statement":[{"Sid":"caf\u00e9 \ud83d\ude00 \"q\"","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k\/x"}]}"#)
        #expect(document.statements[0].sid == "café 😀 \"q\"")
        #expect(document.statements[0].resourceTexts == ["arn:aws:s3:::b/k/x"])
    }

    @Test func textAroundEscapesIsKeptWhole() throws {
        let document = try doc(#"{"Statement":[{"Sid":"a\/b\\c\u0041d","Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b\/k\/x","arn:aws:s3:::\/é\/\u00fc"]}]}"#)
        #expect(document.statements[0].sid == "a/b\\cAd")
        #expect(document.statements[0].resourceTexts == ["arn:aws:s3:::b/k/x", "arn:aws:s3:::/é/ü"])
        // A control character after an escape is still refused.
        #expect(throws: PolicyParseError.self) { try PolicyDocument(json: "{\"Statement\":[{\"Sid\":\"a\\/b\u{01}\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}") }
    }

    @Test func invalidUTF8DataThrows() {
        #expect(throws: PolicyParseError.self) { try PolicyDocument(data: Data([0x7B, 0xFF, 0xFE, 0x7D])) }
    }
}
