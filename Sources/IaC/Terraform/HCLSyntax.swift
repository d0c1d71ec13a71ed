/// The syntax tree of an HCL2 file: bodies of attributes and blocks, and expressions.
struct HCLBody: Sendable {
    var attributes: [HCLAttribute] = []
    var blocks: [HCLBlock] = []

    func attribute(_ name: String) -> HCLAttribute? { attributes.first { $0.name == name } }
}

struct HCLAttribute: Sendable {
    var name: String
    var value: HCLExpression
    var line: Int
    var column: Int
}

struct HCLBlock: Sendable {
    var type: String
    var labels: [String]
    var body: HCLBody
    var line: Int
    var column: Int
}

/// An HCL expression, kept unevaluated: evaluation needs the module's variables, locals and resources.
indirect enum HCLExpression: Sendable {
    enum Step: Sendable {
        case attribute(String)
        case index(HCLExpression)
        case splat
    }

    enum TemplatePart: Sendable {
        case text(String)
        case interpolation(HCLExpression)
        /// `%{ if … }` / `%{ for … }` directives: not evaluated.
        case directive
    }

    case literal(Node)
    case template([TemplatePart], line: Int, column: Int)
    case traversal(root: String, steps: [Step], line: Int, column: Int)
    case call(name: String, arguments: [HCLExpression], line: Int, column: Int)
    case list([HCLExpression], line: Int, column: Int)
    case object([(key: HCLExpression, value: HCLExpression)], line: Int, column: Int)
    case conditional(HCLExpression, HCLExpression, HCLExpression)
    case binary(String, HCLExpression, HCLExpression)
    case unary(String, HCLExpression)
    case postfix(HCLExpression, [Step])
    /// `for` expressions and anything else evaluated as unknown.
    case unknown(String, line: Int, column: Int)

    var position: (line: Int, column: Int) {
        switch self {
        case .literal(let node): return (node.line, node.column)
        case .template(_, let line, let column), .traversal(_, _, let line, let column), .call(_, _, let line, let column),
             .list(_, let line, let column), .object(_, let line, let column), .unknown(_, let line, let column):
            return (line, column)
        case .conditional(let condition, _, _): return condition.position
        case .binary(_, let left, _): return left.position
        case .unary(_, let operand): return operand.position
        case .postfix(let base, _): return base.position
        }
    }
}
