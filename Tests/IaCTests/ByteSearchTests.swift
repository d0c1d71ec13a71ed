import Foundation
import Testing
@testable import IaC

/// The byte search stands in for Foundation's `contains` on whole files; it must find the same
/// places for the ASCII needles it is used with.
@Suite struct ByteSearchTests {
    @Test func agreesWithFoundationOnASCIINeedles() {
        let texts = ["", "e", "ebguard:ignor", "ebguard:ignore", "x ebguard:ignore", "# ebguard:ignore EB-NET-010",
                     "eebguard:ignore", "ebguard:ignorE", "ébguard:ignore ü", "漢字 ebguard:ignore 🚀", "ebguard:ignor\nebguard:ignore",
                     "AWSTemplateFormatVersion: '2010-09-09'", "Resources:\n  A:\n    Type: AWS::S3::Bucket", "{\"planned_values\": {}}"]
        let needles = ["ebguard:ignore", "AWSTemplateFormatVersion", "AWS::", "Resources", "\"planned_values\"", "e", ""]
        for text in texts {
            for needle in needles where !needle.isEmpty {
                #expect(ByteSearch.contains(text, needle) == text.contains(needle), "\(needle) in \(text)")
            }
            #expect(ByteSearch.contains(text, ""))
        }
    }

    @Test func findsMatchesAtEveryOffsetAndLength() {
        let needle = "abcab"
        for length in 0...12 {
            for offset in 0...max(0, length - needle.count) where length >= needle.count {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                bytes.replaceSubrange(offset..<offset + needle.count, with: Array(needle.utf8))
                #expect(ByteSearch.contains(String(decoding: bytes, as: UTF8.self), needle))
            }
            #expect(!ByteSearch.contains(String(repeating: "ab", count: length), needle))
        }
    }
}
