import Foundation
@testable import History
import Testing

@Suite("Stored text formats")
struct CodecTests {
    @Test("evidence arrays survive the hand-written JSON codec, and the text is standard JSON")
    func jsonStrings() throws {
        let samples: [[String]] = [
            [], [""], ["plain"], ["a\"b", "c\\d", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}", "é 🔐 漢字", "/slash/", "[\"nested\"]"],
        ]
        for sample in samples {
            let text = JSONStrings.encode(sample)
            #expect(JSONStrings.decode(text) == sample)
            #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == sample)
        }
        // Text written by other tools (spaces, escapes the encoder never writes) still decodes.
        #expect(JSONStrings.decode("[ \"a\" , \"\\u00e9\\ud83d\\udd10\" ]") == ["a", "é🔐"])
        #expect(JSONStrings.decode("not json") == nil)
        #expect(JSONStrings.decode("[\"unterminated") == nil)
    }

    @Test("dates are stored as UTC text at millisecond precision")
    func dates() {
        #expect(StoreDate.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(StoreDate.text(Date(timeIntervalSince1970: 1_709_210_096.789)) == "2024-02-29T12:34:56.789Z")
        #expect(StoreDate.text(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        for seconds in [0, 1_709_210_096.7891, 951_782_400.0004, 4_102_444_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoreDate.date(StoreDate.text(date)) == StoreDate.normalized(date))
        }
        #expect(StoreDate.date("2024-02-29 12:34:56") == nil)
    }
}
