/// A parse failure at a position, turned into an `InputProblem` by the scanner.
struct ParseError: Error, Sendable {
    var message: String
    var line: Int?
    var column: Int?

    init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }
}

/// Nesting deeper than this is refused: recursive readers must not overflow the stack on hostile input.
let maximumNestingDepth = 256
