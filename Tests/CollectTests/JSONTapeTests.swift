import Foundation
import Testing
@testable import Collect

/// Exports are read through `JSONTape`; every typed read must answer exactly what it answers on
/// the `FoundationJSON` tree of the same document (live answers and the fallback use that tree).
@Suite struct JSONTapeTests {
    /// Both forms of one document's root object.
    static func forms(_ text: String) throws -> (tape: JSONObject, tree: JSONObject) {
        let tape = try #require(JSONTape.parse(Array(text.utf8)), "\(text)")
        let tree = try #require(FoundationJSON.fastObject(Data(text.utf8)) as? [String: Any], "\(text)")
        return (JSONObject(tape: tape, node: 0), JSONObject(tree))
    }

    /// Every typed read of every key (and of a missing one), compared, recursively.
    static func expectSameReads(_ a: JSONObject, _ b: JSONObject, path: String = "") {
        #expect(a.keys.sorted() == b.keys.sorted(), "\(path)")
        for key in a.keys + ["Missing"] {
            let at = "\(path)/\(key)"
            #expect(a.string(key) == b.string(key), "\(at)")
            #expect(a.bool(key) == b.bool(key), "\(at)")
            #expect(a.int(key) == b.int(key), "\(at)")
            #expect(a.date(key) == b.date(key), "\(at)")
            #expect(a.strings(key) == b.strings(key), "\(at)")
            #expect(a.tags(key) == b.tags(key), "\(at)")
            #expect((a[key] == nil) == (b[key] == nil), "\(at)")
            #expect(PolicyText.normalize(a[key]) == PolicyText.normalize(b[key]), "\(at)")
            #expect((a.objectArray(key) == nil) == (b.objectArray(key) == nil), "\(at)")
            let (x, y) = (a.objects(key), b.objects(key))
            #expect(x.count == y.count, "\(at)")
            for (index, (p, q)) in zip(x, y).enumerated() { expectSameReads(p, q, path: "\(at)[\(index)]") }
            switch (a.object(key), b.object(key)) {
            case let (p?, q?): expectSameReads(p, q, path: at)
            case (nil, nil): break
            default: Issue.record("\(at): object in one form only")
            }
        }
    }

    @Test func readsLikeTheTree() throws {
        let documents = FoundationJSONTests.documents + [
            #"{"Tags":[{"Key":"a","Value":"1"},{"key":"b","value":2}],"Mixed":[{"a":1},2],"Flags":[true,false,0,"x",null,1.5],"When":"2026-11-19T08:00:00Z","Epoch":1700000000,"Yes":"yes","One":1,"Text":"42"}"#,
            #"{"Doc":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":"*"}]},"Encoded":"%7B%22a%22%3A1%7D","Num":{"a":1},"List":[{"x":"y"}]}"#,
            #"{"Neg":-5,"Two":2,"Zero":0,"NegZero":-0,"Max18":999999999999999999,"Nineteen":1234567890123456789,"NegBig":-123456789012345678,"Frac":2.5,"Exp":1e3,"NegFrac":-0.5,"Huge":18446744073709551615,"Past53":9007199254740993,"Flag":"No","Count":" 7"}"#,
        ]
        for text in documents {
            let (tape, tree) = try Self.forms(text)
            Self.expectSameReads(tape, tree)
        }
    }

    @Test func readsTheDemoFleetLikeTheTree() throws {
        let folder = DemoFleetTests.folder
        let files = try #require(FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") })
        try #require(files.count > 20)
        for file in files {
            let (tape, tree) = try Self.forms(try String(contentsOfFile: folder + "/" + file, encoding: .utf8))
            Self.expectSameReads(tape, tree, path: file)
        }
    }

    /// What the fast reader gives up on, the tape gives up on too (and more: keys it cannot compare
    /// as bytes), so the importer reads those documents as before.
    @Test func leavesTheRestToFoundationJSON() {
        for text in [#"{"a":1,"a":2}"#, #"{"a":01}"#, #"{"a":"\ud800"}"#, #"{"a":1} x"#, #"[1,2]"#, #""text""#, #"{"a":tru}"#, "{\"a\":\"\u{1}\"}", "",
                     #"{"\u0061":1}"#, #"{"é":1}"#, #"{"abcdefgh-é":1}"#, #"{"éabcdefgh-12345":1}"#, #"{"b":{"k":1,"k":1}}"#] {
            #expect(JSONTape.parse(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(JSONTape.parse([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) == nil, "invalid UTF-8")
        let many = "{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k7\":0}"
        #expect(JSONTape.parse(Array(many.utf8)) == nil, "a repeated key among many")
        #expect(JSONTape.parse(Array(#"{"abcdefgh-ijklmnop":1,"a":{"OptionName":"x"}}"#.utf8)) != nil, "ASCII keys of any length are read")
    }

    /// Escaped strings are decoded, to check them, only where a `\u` escape stands: strings of
    /// other escapes read as the tree reads them, and a lone surrogate after any other escapes
    /// still leaves the document to `FoundationJSON`.
    @Test func checksUnicodeEscapesWhereverTheyStand() throws {
        let read = [#"{"a":"x\"y\\z\/\n"}"#, #"{"a":"\\ud800"}"#, #"{"a":"\"\\\"\\\\ud800"}"#, #"{"a":"\"q\" \ud83d\ude00"}"#,
                    #"{"a":"\u00e9\\"}"#]
        for text in read {
            let (tape, tree) = try Self.forms(text)
            #expect(tape.string("a") == tree.string("a"), "\(text)")
        }
        let refused = [#"{"a":"\"\ud800"}"#, #"{"a":"\\\ud800"}"#, #"{"a":"\n\\\"\udc00x"}"#, #"{"a":"\"x\" \ud83d"}"#]
        for text in refused { #expect(JSONTape.parse(Array(text.utf8)) == nil, "\(text)") }
    }

    /// Node storage grows past its first guess (one node per eight bytes) and goes from tape to
    /// tape through a store: documents of every density, read one after another, and documents
    /// nested in their strings, read as they are written.
    @Test func nodeStorageGrowsAndIsHandedOn() throws {
        let store = JSONTape.NodeStore(largest: 1 << 12, kept: 2)
        var tapes: [JSONTape] = []
        for count in [1, 40, 300, 5000, 3, 2000, 0] {
            let numbers = (0..<count).map { String($0 % 10) }
            let text = #"{"n":["# + numbers.joined(separator: ",") + #"],"s":"x","d":"{\"a\":[1,[2],{\"b\":3}],\"c\":\"y\"}"}"#
            let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: text.utf8.count, alignment: 1)
            storage.copyBytes(from: Array(text.utf8))
            let tape = try #require(JSONTape.parse(taking: storage, nodeStore: store), "\(count)")
            let object = JSONObject(tape: tape, node: 0)
            #expect(object.strings("n") == numbers)
            #expect(object.string("s") == "x")
            let nested = try #require(object.embeddedDocument("d"))
            #expect(nested.string("c") == "y")
            #expect(nested.strings("a") == ["1"])
            // Some tapes live on while later ones are read: their nodes must stay theirs.
            if count.isMultiple(of: 2) { tapes.append(tape) }
        }
        #expect(tapes.map { JSONObject(tape: $0, node: 0).strings("n").count } == [40, 300, 5000, 2000, 0])
    }

    /// Keys are compared by a print of their length and first bytes, then by their bytes: keys that
    /// share the print are still told apart, and a repeat is found wherever it is.
    @Test func findsRepeatedKeysByTheirBytes() {
        let read = [#"{"abcdefgh1":1,"abcdefgh2":2}"#, #"{"k":{"k":1},"j":{"k":2}}"#, #"{"a":1,"b":2,"ab":3}"#, #"{"":1,"a":2}"#,
                    #"{"x":[{"a":1},{"a":2}],"a":3}"#]
        for text in read { #expect(JSONTape.parse(Array(text.utf8)) != nil, "\(text)") }
        let refused = [#"{"abcdefgh1":1,"abcdefgh1":2}"#, #"{"a":{"x":1},"a":2}"#, #"{"b":1,"a":2,"a":3}"#, #"{"":1,"":2}"#,
                       #"{"o":{"p":[{"q":1,"r":2,"q":3}]}}"#, #"{"long-key-of-twenty":1,"x":{"y":1},"long-key-of-twenty":2}"#]
        for text in refused { #expect(JSONTape.parse(Array(text.utf8)) == nil, "\(text)") }
    }
}
