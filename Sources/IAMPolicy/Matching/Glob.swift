/// IAM's wildcard matching (`*` = any run of characters, `?` = one character) over bytes.
///
/// The subject may itself contain wildcards: then the question is *subsumption*, "does the pattern
/// match every string the subject can stand for?". A subject `*` is only consumed by a pattern `*`;
/// a subject `?` by a pattern `*` or `?`. This lets one matcher answer both "does `s3:Get*` allow
/// `s3:GetObject`" and "does `s3:*` cover all of `s3:Get*`" (used for "allowed on `*`" questions).
enum Glob {
    static let star = UInt8(ascii: "*")
    static let question = UInt8(ascii: "?")

    /// Whether `pattern` matches (covers) `subject`. Both are compared byte for byte; callers
    /// lower-case both sides when the comparison is case-insensitive.
    static func matches<P: RandomAccessCollection<UInt8>, S: RandomAccessCollection<UInt8>>(_ pattern: P, _ subject: S) -> Bool
    where P.Index == Int, S.Index == Int {
        var p = pattern.startIndex, s = subject.startIndex
        let pEnd = pattern.endIndex, sEnd = subject.endIndex
        var starP = -1, starS = -1
        while s < sEnd {
            if p < pEnd {
                let pc = pattern[p], sc = subject[s]
                if pc == star {
                    starP = p; starS = s; p += 1
                    continue
                }
                let single: Bool
                if pc == question { single = sc != star } else { single = sc == pc && sc != star && sc != question }
                if single { p += 1; s += 1; continue }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starS += 1
            s = starS
        }
        while p < pEnd, pattern[p] == star { p += 1 }
        return p == pEnd
    }

    /// Whether `bytes` contains `*` or `?`.
    static func hasWildcard<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.contains { $0 == star || $0 == question }
    }

    /// ASCII lower-casing (IAM action names and condition keys are ASCII).
    static func lowercased(_ text: String) -> [UInt8] {
        text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
    }
}
