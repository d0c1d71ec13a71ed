/// Small ARN and version helpers shared by every source and the controls.
public enum ARN {
    /// The account id field of an ARN (`arn:aws:iam::123456789012:role/x` → `123456789012`).
    public static func account(of arn: String) -> String? { field(4, of: arn) }

    /// The region field of an ARN; `nil` for global ARNs.
    public static func region(of arn: String) -> String? { field(3, of: arn) }

    /// The last path segment of an ARN's resource (`arn:aws:iam::1:role/path/Name` → `Name`); a plain name is returned as is.
    public static func lastName(of arnOrName: String) -> String {
        guard arnOrName.hasPrefix("arn:") else { return arnOrName }
        let resource = arnOrName.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last.map(String.init) ?? arnOrName
        return resource.split(separator: "/").last.map(String.init) ?? resource
    }

    /// The `index`th colon-separated field, `nil` when absent or empty. Walks the bytes once and
    /// copies only the field asked for: ARNs are read for every resource of an import.
    private static func field(_ index: Int, of arn: String) -> String? {
        let bytes = arn.utf8
        var fieldNumber = 0
        var start = bytes.startIndex
        var position = bytes.startIndex
        while position != bytes.endIndex {
            if bytes[position] == UInt8(ascii: ":") {
                if fieldNumber == index { return start == position ? nil : String(arn[start..<position]) }
                fieldNumber += 1
                start = bytes.index(after: position)
            }
            position = bytes.index(after: position)
        }
        guard fieldNumber == index, start != bytes.endIndex else { return nil }
        return String(arn[start..<bytes.endIndex])
    }
}

extension PlatformVersion {
    /// Dotted version order (`4.3.0` < `4.10.1`), missing parts counting as 0.
    public static func isVersion(_ lhs: String, olderThan rhs: String) -> Bool {
        let a = lhs.split(separator: ".").map { Int($0) ?? 0 }
        let b = rhs.split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y }
        }
        return false
    }
}
