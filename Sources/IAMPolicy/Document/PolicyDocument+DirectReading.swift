extension PolicyDocument {
    /// Reads a well-formed policy straight from its bytes into statements, without building the
    /// `JSONValue` tree of the whole document first; `nil` for anything it does not read with
    /// certainty (invalid JSON or grammar, a repeated element, an unknown element).
    ///
    /// Why: an audit parses every role's own inline policies (unique per role, so no cache helps),
    /// and for those the intermediate tree — an array and an enum per value, walked and freed
    /// again — cost as much as the statements themselves. On `nil` the caller takes the tree path,
    /// which rejects the text with an error that says what is wrong and where; for every text this
    /// reader accepts, both paths give the same document. `Principal` and `Condition` elements are
    /// still read as small trees (rare in identity policies, and their grammar is the tree path's).
    init?(wellFormed bytes: [UInt8]) {
        var reader = JSONParser(bytes: bytes)
        reader.skipWhitespace()
        guard reader.enter(UInt8(ascii: "{")) else { return nil }
        var version: String?, id: String?, statements: [PolicyStatement]?
        // Resource patterns depend on the version (policy variables exist from 2012-10-17 on), which
        // may come after the statements: then they are read as for 2012-10-17 and read again at the
        // end if the version says otherwise.
        var variables: Bool?
        if !reader.enter(UInt8(ascii: "}")) {
            members: while true {
                guard let key = reader.memberName() else { return nil }
                switch key {
                case "Version":
                    guard version == nil, let text = reader.string(), Self.supportedVersions.contains(text) else { return nil }
                    version = text
                case "Id":
                    guard id == nil, let text = reader.string() else { return nil }
                    id = text
                case "Statement":
                    guard statements == nil else { return nil }
                    let assumed = version.map { $0 == "2012-10-17" } ?? true
                    variables = assumed
                    if reader.enter(UInt8(ascii: "[")) {
                        var list: [PolicyStatement] = []
                        if !reader.enter(UInt8(ascii: "]")) {
                            elements: while true {
                                guard let statement = PolicyStatement(reading: &reader, variables: assumed, depth: 2) else { return nil }
                                list.append(statement)
                                switch reader.next(closing: UInt8(ascii: "]")) {
                                case .more: continue
                                case .end: break elements
                                case .invalid: return nil
                                }
                            }
                        }
                        statements = list
                    } else {
                        guard let statement = PolicyStatement(reading: &reader, variables: assumed, depth: 1) else { return nil }
                        statements = [statement]
                    }
                default:
                    return nil
                }
                switch reader.next(closing: UInt8(ascii: "}")) {
                case .more: continue
                case .end: break members
                case .invalid: return nil
                }
            }
        }
        reader.skipWhitespace()
        guard reader.index == bytes.count, var statements else { return nil }
        let actualVariables = version == "2012-10-17"
        if variables != actualVariables { statements = statements.map { $0.resourcesRead(variables: actualVariables) } }
        self.init(version: version, id: id, statements: statements)
    }
}

extension PolicyStatement {
    /// One statement object read in place (see `PolicyDocument(wellFormed:)`); `nil` when it is
    /// not certainly valid.
    fileprivate init?(reading reader: inout JSONParser, variables: Bool, depth: Int) {
        reader.skipWhitespace()
        guard reader.enter(UInt8(ascii: "{")) else { return nil }
        var seen: Element = []
        var sid: String?, effect: Effect?
        var actions: [String]?, actionsNegated = false
        var resources: [String]?, resourcesNegated = false
        var principal: PolicyPrincipal?, notPrincipal: PolicyPrincipal?
        var condition = PolicyCondition()
        if !reader.enter(UInt8(ascii: "}")) {
            members: while true {
                guard let key = reader.memberName(), let element = Element(key), !seen.contains(element) else { return nil }
                seen.insert(element)
                switch key {
                case "Sid":
                    guard let text = reader.string() else { return nil }
                    sid = text
                case "Effect":
                    guard let text = reader.string(), let value = Effect(rawValue: text) else { return nil }
                    effect = value
                case "Action", "NotAction":
                    guard actions == nil, let list = reader.strings() else { return nil }
                    actions = list
                    actionsNegated = key == "NotAction"
                case "Resource", "NotResource":
                    guard resources == nil, let list = reader.strings() else { return nil }
                    resources = list
                    resourcesNegated = key == "NotResource"
                case "Principal", "NotPrincipal":
                    guard principal == nil, notPrincipal == nil, let value = reader.value(depth: depth + 1),
                          let parsed = try? Self.principal(value, at: key) else { return nil }
                    if key == "Principal" { principal = parsed } else { notPrincipal = parsed }
                case "Condition":
                    guard let value = reader.value(depth: depth + 1), let parsed = try? Self.condition(value, at: key) else { return nil }
                    condition = parsed
                default:
                    return nil
                }
                switch reader.next(closing: UInt8(ascii: "}")) {
                case .more: continue
                case .end: break members
                case .invalid: return nil
                }
            }
        }
        guard let effect, let actions else { return nil }
        let patterns = actions.map(ActionPattern.init)
        let resource: ResourceClause? = resources.map { texts in
            let patterns = texts.map { ResourcePattern($0, variables: variables) }
            return resourcesNegated ? .notResources(patterns) : .resources(patterns)
        }
        self.init(sid: sid, effect: effect, principal: principal, notPrincipal: notPrincipal,
                  action: actionsNegated ? .notActions(patterns) : .actions(patterns), resource: resource, condition: condition)
    }
}

extension PolicyStatement {
    /// The statement with its resource patterns read again for the document's version.
    fileprivate func resourcesRead(variables: Bool) -> PolicyStatement {
        guard let resource else { return self }
        let patterns = resource.patterns.map { ResourcePattern($0.text, variables: variables) }
        var statement = self
        statement.resource = resource.isNegated ? .notResources(patterns) : .resources(patterns)
        return statement
    }
}

/// The statement elements, as a small set (a statement names each at most once).
private struct Element: OptionSet {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `nil` for a name that is not a statement element.
    init?(_ name: String) {
        let bit: UInt16
        switch name {
        case "Sid": bit = 0
        case "Effect": bit = 1
        case "Principal": bit = 2
        case "NotPrincipal": bit = 3
        case "Action": bit = 4
        case "NotAction": bit = 5
        case "Resource": bit = 6
        case "NotResource": bit = 7
        case "Condition": bit = 8
        default: return nil
        }
        rawValue = 1 << bit
    }
}

/// Whether another element follows in an object or array.
private enum Next {
    case more, end, invalid
}

/// The reading steps of `PolicyDocument(wellFormed:)`: each answers `nil`/`false`/`.invalid`
/// instead of throwing, since any doubt sends the text to the tree path.
extension JSONParser {
    /// Consumes `byte` (after whitespace) when it comes next.
    fileprivate mutating func enter(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// After an element: `,` (another follows) or `closing`.
    fileprivate mutating func next(closing: UInt8) -> Next {
        skipWhitespace()
        guard index < bytes.count else { return .invalid }
        if bytes[index] == UInt8(ascii: ",") { index += 1; return .more }
        if bytes[index] == closing { index += 1; return .end }
        return .invalid
    }

    /// `"name":`
    fileprivate mutating func memberName() -> String? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let name = try? parseString() else { return nil }
        guard enter(UInt8(ascii: ":")) else { return nil }
        return name
    }

    /// A JSON string value.
    fileprivate mutating func string() -> String? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        return try? parseString()
    }

    /// A string or an array of strings (`Action`, `Resource` and their negations).
    fileprivate mutating func strings() -> [String]? {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { return (try? parseString()).map { [$0] } }
        guard enter(UInt8(ascii: "[")) else { return nil }
        var result: [String] = []
        if enter(UInt8(ascii: "]")) { return result }
        while true {
            guard let text = string() else { return nil }
            result.append(text)
            switch next(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .end: return result
            case .invalid: return nil
            }
        }
    }

    /// Any JSON value, as a tree.
    fileprivate mutating func value(depth: Int) -> JSONValue? {
        skipWhitespace()
        return try? parseValue(depth: depth)
    }
}
