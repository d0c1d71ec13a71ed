import Foundation
import Secrets
import Testing
@testable import Controls

/// `FastText` answers exactly as Foundation does.
@Suite struct FastTextTests {
    static let texts = ["arn:aws:sts::1:assumed-role/app-ec2/i-0abc", "s3.amazonaws.com", "", " padded\t", "\t a, b ,c \t", "AccessDeniedException",
                        "café:assumed-role/x/", "e\u{301}:assumed-role/é/", "\u{3000}ideographic space\u{3000}", "ENV_NAMEENV_NAME", ".amazonaws.com",
                        // Longer than a word, with the first non-ASCII byte past it.
                        "arn:aws:sts::1:assumed-role/rôle-é/session-e\u{301}"]
    static let needles = [":assumed-role/", ".amazonaws.com", "", "AccessDenied", "é", "e", " ", "ENV_NAME"]

    @Test func containsMatchesFoundation() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(FastText.contains(text, needle) == (text.range(of: needle) != nil), "\(text) / \(needle)")
            }
        }
    }

    @Test func suffixMatchesFoundation() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(FastText.suffix(after: needle, in: text).map(String.init) == text.range(of: needle).map { String(text[$0.upperBound...]) })
            }
        }
    }

    @Test func replacingMatchesFoundation() {
        for text in Self.texts {
            for needle in Self.needles where !needle.isEmpty {
                for replacement in ["", "x", "shop-prod"] {
                    #expect(FastText.replacing(needle, with: replacement, in: text) == text.replacingOccurrences(of: needle, with: replacement))
                }
            }
        }
    }

    @Test func trimmingMatchesFoundation() {
        for text in Self.texts + ["   ", "\t", "a"] {
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                #expect(FastText.trimmingWhitespace(part) == part.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    @Test func splitMatchesCharacterSplit() {
        let separators = "/@:?,; "
        for text in Self.texts + ["postgres://user@db.example.com:5432/app?ssl=true", "a;;b", "/", "x\r\ny", "é/e\u{301}/@"] {
            let expected = text.split(whereSeparator: { separators.contains($0) })
            #expect(FastText.split(text, separators: ByteSet(separators.utf8)) == expected, "\(text.debugDescription)")
        }
    }

    @Test func itemsMatchSplitTrimmedAndFiltered() {
        let comma = ByteSet(",".utf8)
        for text in Self.texts + ["sg-1, sg-2,,sg-3", " , ,", ",a,", "\t x \t,y", "subnet-1,\u{3000}subnet-2\u{3000}", "é , e\u{301},"] {
            let expected = FastText.split(text, separators: comma).map(FastText.trimmingWhitespace).filter { !$0.isEmpty }
            #expect(FastText.items(text, separators: comma) == expected, "\(text.debugDescription)")
        }
        #expect(FastText.items(" sg-a ,\tsg-b,, ", separators: comma) == ["sg-a", "sg-b"])
        #expect(FastText.items("", separators: comma).isEmpty)
    }

    @Test func joinedIsThePartsInOrder() {
        #expect(FastText.joined() == "")
        #expect(FastText.joined("aws:ec2:vpc", "/", "Subnets", " = ", "subnet-1,subnet-2") == "aws:ec2:vpc/Subnets = subnet-1,subnet-2")
        #expect(FastText.joined("café", "", "e\u{301}", " ", String(repeating: "x", count: 40)) == "café" + "e\u{301} " + String(repeating: "x", count: 40))
    }

    @Test func sensitiveKeysAreRemembered() {
        for key in ["DB_PASSWORD", "API_KEY", "BUCKET_NAME", "password", "x"] {
            #expect(FastText.isSensitiveKey(key) == KeyNames.isSensitive(key))
            #expect(FastText.isSensitiveKey(key) == KeyNames.isSensitive(key))
        }
    }
}
