import Foundation
import Inventory
import Testing
@testable import Controls
@testable import Reporting

/// The SARIF renderer writes bytes directly; these tests hold it to the document and layout
/// `JSONSerialization` (`.prettyPrinted`, `.sortedKeys`, `.withoutEscapingSlashes`) gives for the
/// same content, so SARIF files stay byte-for-byte what they were.
@Suite struct SARIFLayoutTests {
    static let awkward = "quote \" backslash \\ slash / tab\t cr\r lf\n bell\u{7} unit\u{1F} del\u{7F} é 漢 🚀 \u{2028}"

    func finding(_ control: String, verdict: Verdict, location: Location?, title: String = "Title", evidence: [String] = [],
                 suppression: String? = nil, environment: String? = "shop-prod") -> Finding {
        Finding(control: control, verdict: verdict, severity: .high, layer: .network, title: title,
                resource: ResourceRef(type: "AWS::EC2::SecurityGroup", id: "sg-1", name: "web", environment: environment),
                evidence: evidence, location: location, suppression: suppression)
    }

    func reserialized(_ data: Data) throws -> Data {
        let object = try JSONSerialization.jsonObject(with: data)
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    @Test func layoutIsJSONSerializationsForEveryKindOfResult() throws {
        var inventory = Inventory()
        inventory.inputProblems = [
            InputProblem(file: "a:b dir/c.json", line: 0, column: 0, message: Self.awkward),
            InputProblem(file: "./junk.tf", message: "binary"),
        ]
        let findings = [
            finding("EB-NET-010", verdict: .fail, location: Location(file: "infra/web.yaml", line: 12, column: 3), evidence: [Self.awkward, "b"]),
            finding("EB-NET-010", verdict: .fail, location: Location(file: "infra/web.yaml", line: 12, column: 3)),
            finding("EB-NET-004", verdict: .suppressed, location: Location(file: "app.zip!/.ebextensions/x.config", line: 4), suppression: "bastion \"only\""),
            finding("EB-DATA-002", verdict: .fail, location: nil, title: Self.awkward, environment: nil),
            finding("EB-META-001", verdict: .fail, location: Location(file: "infra/web.yaml")),
            finding("EB-NET-010", verdict: .pass, location: nil),
            finding("EB-RUN-001", verdict: .notAssessed, location: nil),
        ]
        let data = try SARIFReport.render(Report(findings: findings, inventory: inventory), catalog: .standard)
        #expect(try reserialized(data) == data)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains(#""ruleId" : "EB-META-001""#))
        #expect(text.contains(#""uri" : "a%3Ab%20dir/c.json""#))
        #expect(text.contains(#""justification" : "bastion \"only\"""#))
    }

    @Test func layoutIsJSONSerializationsForAnEmptyReport() throws {
        let data = try SARIFReport.render(Report(findings: [], inventory: Inventory()), catalog: .standard)
        #expect(try reserialized(data) == data)
        #expect(String(data: data, encoding: .utf8)?.contains("\"results\" : [\n\n      ]") == true)
    }

    @Test func ruleIndexNamesTheRuleOfEveryResult() throws {
        let findings = [finding("EB-ZZZ-999", verdict: .fail, location: nil), finding("EB-AAA-000", verdict: .fail, location: nil),
                        finding("EB-NET-010", verdict: .fail, location: nil)]
        let data = try SARIFReport.render(Report(findings: findings, inventory: Inventory()), catalog: .standard)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(rules.count == Catalog.standard.controls.count + 2)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
    }
}

/// The byte-level shortcuts of the SARIF writer give what Foundation gives.
@Suite struct SARIFEncodingTests {
    @Test(arguments: ["template.yaml", "./infra/app.yaml", "infra/a b.yaml", "bundle.zip!/.ebextensions/x.config",
                      "dir/ü.yaml", "weird#name?.json", "tf:main/insecure.tf", "./c:d/e:f.tf", "./x%y.tf", "a/b-c_d~e/(f)+g,h;i=j:k@l$m&n'o*p.json", ""])
    func plainPathsAreLeftAsFoundationLeavesThem(path: String) {
        let file = path.components(separatedBy: "!").first ?? path
        let trimmed = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
        #expect(SARIFReport.uri(path) == (trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed))
    }

    @Test func everyPrintableASCIIByteIsEncodedAsFoundationEncodesIt() {
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let path = "dir/a" + String(UnicodeScalar(byte)) + "b.yaml"
            let file = path.components(separatedBy: "!").first ?? path
            #expect(SARIFReport.uri(path) == (file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file), "byte \(byte)")
        }
    }

    @Test(arguments: ["", "EB-RUN-001\u{1F}AWS::ElasticBeanstalk::Environment\u{1F}prod", "é🔐", String(repeating: "k", count: 300)])
    func fingerprintsAreSixteenLowercaseHexDigits(key: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        #expect(SARIFReport.fingerprint(key) == String(format: "%016llx", hash))
    }
}
