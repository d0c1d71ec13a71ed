/// Splits a line into candidate tokens: runs of characters that can form a secret.
enum Tokenizer {
    struct Token {
        var text: String
        /// 0-based character offset in the line.
        var offset: Int
    }

    static func tokens(in line: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        for (offset, character) in line.enumerated() {
            if isTokenCharacter(character) {
                if current.isEmpty { start = offset }
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(Token(text: current, offset: start))
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
        return tokens
    }

    /// Letters, digits and the punctuation found in tokens, keys and URLs with credentials.
    private static func isTokenCharacter(_ character: Character) -> Bool {
        if character.isLetter || character.isNumber { return true }
        return "+/=_-.:@%~!*".contains(character)
    }
}

/// A `KEY=value`, `KEY: value`, `"key": "value"`, `export KEY=value` or `KEY = "value"` assignment.
struct Assignment {
    var key: String
    var value: String
    /// 0-based offset of the value in the line.
    var valueOffset: Int
    var valueRange: Range<Int> { valueOffset..<(valueOffset + max(value.count, 1)) }

    static func parse(_ line: String) -> Assignment? {
        let characters = Array(line)
        var index = 0
        func skipSpaces() { while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 } }
        skipSpaces()
        if line.dropFirst(index).hasPrefix("export ") { index += 7; skipSpaces() }
        if index < characters.count, characters[index] == "-" { index += 1; skipSpaces() }
        var quote: Character?
        if index < characters.count, characters[index] == "\"" || characters[index] == "'" { quote = characters[index]; index += 1 }
        let keyStart = index
        while index < characters.count, characters[index].isLetter || characters[index].isNumber || "_-.".contains(characters[index]) { index += 1 }
        guard index > keyStart else { return nil }
        let key = String(characters[keyStart..<index])
        if let quote {
            guard index < characters.count, characters[index] == quote else { return nil }
            index += 1
        }
        skipSpaces()
        guard index < characters.count, characters[index] == "=" || characters[index] == ":" else { return nil }
        index += 1
        if index < characters.count, characters[index] == "=" { return nil }
        skipSpaces()
        var end = characters.count
        while end > index, characters[end - 1] == " " || characters[end - 1] == "," || characters[end - 1] == "\r" { end -= 1 }
        guard end > index else { return nil }
        var valueStart = index
        var valueEnd = end
        if let first = characters[safe: valueStart], first == "\"" || first == "'" {
            valueStart += 1
            if valueEnd > valueStart, characters[valueEnd - 1] == first { valueEnd -= 1 }
        }
        guard valueEnd > valueStart else { return nil }
        return Assignment(key: key, value: String(characters[valueStart..<valueEnd]), valueOffset: valueStart)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
