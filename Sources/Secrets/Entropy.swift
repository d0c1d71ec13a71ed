import Foundation

/// Shannon entropy over a token, to catch random-looking secrets with no known format.
enum Entropy {
    /// Bits per character.
    static func shannon(_ value: String) -> Double {
        var counts: [UInt8: Int] = [:]
        var total = 0
        for byte in value.utf8 {
            counts[byte, default: 0] += 1
            total += 1
        }
        guard total > 0 else { return 0 }
        var entropy = 0.0
        for count in counts.values {
            let p = Double(count) / Double(total)
            entropy -= p * log2(p)
        }
        return entropy
    }

    /// A long token of base64/hex-like characters with high entropy, that is not an AWS resource
    /// id, an ARN, a URL, a path or a UUID.
    static func isHighEntropyToken(_ value: String) -> Bool {
        guard value.count >= 20, value.count <= 512 else { return false }
        guard !TextSearch.contains(value, " "), !TextSearch.contains(value, "://"), !value.hasPrefix("arn:"), !value.hasPrefix("/") else { return false }
        if isUUID(value) { return false }
        let idPrefixes = ["sg-", "subnet-", "vpc-", "i-", "ami-", "lt-", "igw-", "nat-", "rtb-", "vol-", "snap-", "eni-", "acl-", "pl-"]
        if idPrefixes.contains(where: { value.hasPrefix($0) }) { return false }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == 43 || byte == 47 || byte == 61 || byte == 95 || byte == 45
        }
        guard allowed else { return false }
        let hasDigit = value.utf8.contains { $0 >= 48 && $0 <= 57 }
        let hasLetter = value.utf8.contains { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
        guard hasDigit, hasLetter else { return false }
        let isHex = value.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
        let entropy = shannon(value)
        return isHex ? (value.count >= 32 && entropy >= 3.0) : entropy >= 4.0
    }

    static func isUUID(_ value: String) -> Bool {
        // Thirty-six characters take at least thirty-six bytes: most values are ruled out unsplit,
        // and longer ones by their length before any split.
        guard value.utf8.count >= 36, value.count == 36 else { return false }
        return value.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12]
    }
}
