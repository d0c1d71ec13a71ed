import Foundation

/// Evidence is stored as a JSON array of strings. A run can hold 550,000 findings, and
/// `JSONEncoder`/`JSONDecoder` per finding would dominate the time to record or read a run, so
/// this codec handles exactly that shape by hand (with `JSONDecoder` as the fallback on read, for
/// text written by other tools).
enum JSONStrings {
    static func encode(_ strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        // Evidence rarely needs escaping: check with libc's optimized `strcspn`, then concatenate.
        if strings.allSatisfy(isPlain) {
            var text = "["
            for (index, string) in strings.enumerated() {
                text += index == 0 ? "\"" : ",\""
                text += string
                text += "\""
            }
            return text + "]"
        }
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            bytes.append(0x22)
            for byte in string.utf8 {
                switch byte {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(0x22)
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Bytes that need escaping in a JSON string (NUL ends the set, and is caught by the length check).
    private static let escaped: [CChar] = (1..<0x20).map { CChar($0) } + [0x22, 0x5C, 0]

    private static func isPlain(_ string: String) -> Bool {
        string.withCString { strcspn($0, escaped) } == string.utf8.count
    }

    /// Decodes a JSON array of strings; nil when the text is not one.
    static func decode(_ text: String) -> [String]? {
        if text == "[]" { return [] }
        if let fast = decodeFast(text) { return fast }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// The common case: `["…","…"]` without unusual escapes or whitespace. Nil sends the text to
    /// `JSONDecoder`.
    private static func decodeFast(_ text: String) -> [String]? {
        var utf8 = Array(text.utf8)
        utf8.append(0)  // sentinel
        var index = 0
        guard utf8[index] == 0x5B else { return nil }
        index += 1
        var result: [String] = []
        if utf8[index] == 0x5D { return index + 1 == utf8.count - 1 ? [] : nil }
        while true {
            guard utf8[index] == 0x22 else { return nil }
            index += 1
            var buffer: [UInt8] = []
            while true {
                let byte = utf8[index]
                if byte == 0x22 { index += 1; break }
                if byte == 0 { return nil }
                if byte == 0x5C {
                    index += 1
                    switch utf8[index] {
                    case 0x22: buffer.append(0x22)
                    case 0x5C: buffer.append(0x5C)
                    case 0x2F: buffer.append(0x2F)
                    case 0x6E: buffer.append(0x0A)
                    case 0x72: buffer.append(0x0D)
                    case 0x74: buffer.append(0x09)
                    case 0x62: buffer.append(0x08)
                    case 0x66: buffer.append(0x0C)
                    case 0x75:
                        guard index + 4 < utf8.count,
                              let value = UInt32(String(decoding: utf8[(index + 1)...(index + 4)], as: UTF8.self), radix: 16),
                              !(0xD800...0xDFFF).contains(value), let scalar = Unicode.Scalar(value) else { return nil }
                        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                        index += 4
                    default: return nil
                    }
                    index += 1
                    continue
                }
                buffer.append(byte)
                index += 1
            }
            result.append(String(decoding: buffer, as: UTF8.self))
            switch utf8[index] {
            case 0x2C: index += 1
            case 0x5D: return index + 1 == utf8.count - 1 ? result : nil
            default: return nil
            }
        }
    }
}
