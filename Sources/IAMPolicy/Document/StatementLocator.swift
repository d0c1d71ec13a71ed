/// Where each statement of a policy document's JSON text starts, so findings about files can
/// point at a line.
///
/// A light scan of the bytes (strings, escapes and nesting only), not a second parser: it runs on
/// text that `PolicyDocument` already accepted, or on text it rejected to place the error.
public enum StatementLocator {
    /// The 1-based line where each element of the top-level `Statement` starts, in order (one entry
    /// when `Statement` is a single object); empty when there is no such element.
    public static func lines(in bytes: [UInt8]) -> [Int] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n")
        var lines: [Int] = []
        var line = 1, depth = 0, index = 0
        var key: [UInt8]?
        var expectingStatementValue = false
        var arrayDepth: Int?
        var expectingElement = false

        func elementStarts() {
            if expectingElement && depth == arrayDepth { lines.append(line); expectingElement = false }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case newline:
                line += 1
            case quote:
                elementStarts()
                expectingStatementValue = false
                let start = index + 1
                index += 1
                while index < bytes.count && bytes[index] != quote {
                    if bytes[index] == backslash { index += 1 } else if bytes[index] == newline { line += 1 }
                    index += 1
                }
                if depth == 1 && arrayDepth == nil { key = Array(bytes[start..<min(index, bytes.count)]) }
            case UInt8(ascii: ":"):
                expectingStatementValue = depth == 1 && arrayDepth == nil && key == Array("Statement".utf8)
                key = nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if expectingStatementValue {
                    expectingStatementValue = false
                    if byte == UInt8(ascii: "{") { return [line] }
                    arrayDepth = depth + 1
                    expectingElement = true
                } else {
                    elementStarts()
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if let arrayDepth, depth < arrayDepth { return lines }
            case UInt8(ascii: ","):
                key = nil
                if depth == arrayDepth { expectingElement = true }
            case 0x20, 0x09, 0x0D:
                break
            default:
                expectingStatementValue = false
                elementStarts()
            }
            index += 1
        }
        return lines
    }

    /// The line a `PolicyParseError` points at: its own `line L, column C` for JSON syntax errors,
    /// else the line of the statement its path names (`Statement[2].Effect`), else nil.
    public static func line(of error: PolicyParseError, in bytes: [UInt8]) -> (line: Int, column: Int?)? {
        let path = error.path
        if path.hasPrefix("line ") {
            let numbers = path.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard let line = numbers.first else { return nil }
            return (line, numbers.count > 1 ? numbers[1] : nil)
        }
        guard path.hasPrefix("Statement") else { return nil }
        let starts = lines(in: bytes)
        var position = 0
        if path.hasPrefix("Statement["), let close = path.firstIndex(of: "]") {
            let digits = path[path.index(path.startIndex, offsetBy: 10)..<close]
            guard let number = Int(digits) else { return nil }
            position = number
        }
        guard starts.indices.contains(position) else { return nil }
        return (starts[position], nil)
    }
}
