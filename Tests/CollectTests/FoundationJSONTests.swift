import Foundation
import Testing
@testable import Collect

/// The fast reader and writer for AWS CLI outputs build and write exactly what `JSONSerialization` does.
@Suite struct FoundationJSONTests {
    /// Same shape, same types (including each number's Objective-C type), same values.
    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as NSNumber, y as NSNumber):
            return String(cString: x.objCType) == String(cString: y.objCType) && x == y && x.stringValue == y.stringValue
        case let (x as String, y as String): return x == y
        case (is NSNull, is NSNull): return true
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0]!, y[$0]!) }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default: return false
        }
    }

    static let documents = [
        #"{"a":0,"b":-0,"c":1,"d":-1,"e":123456789012345678,"f":-123456789012345678,"g":1234567890123456789,"h":12345678901234567890}"#,
        #"{"n":[1.5,-2.25,1e3,1E3,-1.0e-2,0.1,100000000000000000000000,3.0]}"#,
        #"{"t":true,"f":false,"z":null,"e":{},"a":[],"nested":[[],[{}],[[1,"x",null]]]}"#,
        #"{"s":"plain","q":"quote \" and \\ and \/ slash","u":"\u00e9\u0041\ud83d\ude00 é ✓","c":"\t\n\r\b\f\u0001"}"#,
        "{ \"spaced\" :\t[ 1 ,\n2 ] ,\r\n \"k\" : \"v\" }",
    ]

    @Test func readsWhatJSONSerializationReads() throws {
        for text in Self.documents {
            let data = Data(text.utf8)
            let fast = try #require(FoundationJSON.fastObject(data), "\(text)")
            #expect(Self.same(fast, try JSONSerialization.jsonObject(with: data)), "\(text)")
        }
    }

    @Test func readsTheDemoFleetLikeJSONSerialization() throws {
        let folder = DemoFleetTests.folder
        let files = try #require(FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") })
        try #require(files.count > 20)
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            let fast = try #require(FoundationJSON.fastObject(data), "\(file)")
            #expect(Self.same(fast, try JSONSerialization.jsonObject(with: data)), "\(file)")
        }
    }

    @Test func leavesAnythingElseToJSONSerialization() {
        for text in [#"{"a":1,"a":2}"#, #"{"a":01}"#, #"{"a":"\ud800"}"#, #"{"a":1} x"#, #"[1,2]"#, #""text""#, #"{"a":tru}"#, "{\"a\":\"\u{1}\"}", ""] {
            #expect(FoundationJSON.fastObject(Data(text.utf8)) == nil, "\(text)")
        }
        #expect(FoundationJSON.fastObject(Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D])) == nil, "invalid UTF-8")
    }

    @Test func writesPolicyDocumentsLikeJSONSerialization() throws {
        let documents: [String] = Self.documents.filter { !$0.contains("1.5") } + [
            #"{"Version":"2012-10-17","Statement":[{"Sid":"A1","Effect":"Allow","Action":["s3:Get*","logs:*"],"Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"},"Bool":{"aws:SecureTransport":"true"}}}]}"#,
            #"{"Statement":[{"Sid":"q\"uote\\back/slash\n\t\r\b\f\u0001\u001f end","Resource":"é/ü\"","Action":"\"\""}],"/":"/"}"#,
            #"{"a10":"x","a9":"x","a1":"x","B":"x","b":"x","_x":"x","-y":"x",":z":"x","Zeta":"x","zeta2":"x","é":"x","E":"x","0":"x","10":"x","9":"x"}"#,
        ]
        var writtenFromTapes = 0
        for text in documents {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let expected = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            #expect(FoundationJSON.sortedText(object) == expected, "\(text)")
            if let fast = FoundationJSON.fastObject(Data(text.utf8)) as? [String: Any] {
                #expect(FoundationJSON.sortedText(fast) == expected, "\(text)")
            }
            // From a tape: documents of objects, arrays and strings only (others are left to `JSONSerialization`).
            if let tape = JSONTape.parse(Array(text.utf8)) {
                var writer = SortedJSONWriter()
                if writer.write(tape, 0) {
                    writtenFromTapes += 1
                    #expect(String(decoding: writer.bytes, as: UTF8.self) == expected, "from a tape: \(text)")
                }
            }
        }
        #expect(writtenFromTapes >= 3)
    }

    @Test func importsTheDemoFleetPoliciesAsBefore() throws {
        let inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        let data = try Data(contentsOf: URL(fileURLWithPath: DemoFleetTests.folder + "/iam-authorization-details.json"))
        let details = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for role in details["RoleDetailList"] as? [[String: Any]] ?? [] {
            let name = try #require(role["RoleName"] as? String)
            let trust = try #require(role["AssumeRolePolicyDocument"] as? [String: Any])
            let expected = String(decoding: try JSONSerialization.data(withJSONObject: trust, options: [.sortedKeys]), as: UTF8.self)
            #expect(inventory.iam?.roles[name]?.trustPolicy == expected)
        }
    }
}
