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
                guard let name = reader.memberName(), let member = DocumentMember(name) else { return nil }
                switch member {
                case .version:
                    guard version == nil, let text = reader.string(), Self.supportedVersions.contains(text) else { return nil }
                    version = text
                case .id:
                    guard id == nil, let text = reader.string() else { return nil }
                    id = text
                case .statement:
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
        var seen: UInt16 = 0
        var sid: String?, effect: Effect?
        var actions: [String]?, actionsNegated = false
        var resources: [String]?, resourcesNegated = false
        var principal: PolicyPrincipal?, notPrincipal: PolicyPrincipal?
        var condition = PolicyCondition()
        if !reader.enter(UInt8(ascii: "}")) {
            members: while true {
                guard let name = reader.memberName(), let member = StatementMember(name), seen & member.bit == 0 else { return nil }
                seen |= member.bit
                switch member {
                case .sid:
                    guard let text = reader.string() else { return nil }
                    sid = text
                case .effect:
                    guard let text = reader.string(), let value = Effect(rawValue: text) else { return nil }
                    effect = value
                case .action, .notAction:
                    guard actions == nil, let list = reader.strings() else { return nil }
                    actions = list
                    actionsNegated = member == .notAction
                case .resource, .notResource:
                    guard resources == nil, let list = reader.strings() else { return nil }
                    resources = list
                    resourcesNegated = member == .notResource
                case .principal, .notPrincipal:
                    let key = member == .principal ? "Principal" : "NotPrincipal"
                    guard principal == nil, notPrincipal == nil, let value = reader.value(depth: depth + 1),
                          let parsed = try? Self.principal(value, at: key) else { return nil }
                    if member == .principal { principal = parsed } else { notPrincipal = parsed }
                case .condition:
                    guard let value = reader.value(depth: depth + 1), let parsed = try? Self.condition(value, at: "Condition") else { return nil }
                    condition = parsed
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

/// The members of a policy document this reader knows.
private enum DocumentMember: CaseIterable {
    case version, id, statement

    var name: String {
        switch self {
        case .version: "Version"
        case .id: "Id"
        case .statement: "Statement"
        }
    }

    private static let names = allCases.map { (bytes: Array($0.name.utf8), member: $0) }

    /// `nil` for any other name (the tree path then says what is wrong with it).
    init?(_ name: ArraySlice<UInt8>) {
        guard let found = Self.names.first(where: { $0.bytes.count == name.count && $0.bytes.elementsEqual(name) }) else { return nil }
        self = found.member
    }
}

/// The statement elements (a statement names each at most once: `bit` marks the ones seen).
private enum StatementMember: UInt16, CaseIterable {
    case sid, effect, principal, notPrincipal, action, notAction, resource, notResource, condition

    var name: String {
        switch self {
        case .sid: "Sid"
        case .effect: "Effect"
        case .principal: "Principal"
        case .notPrincipal: "NotPrincipal"
        case .action: "Action"
        case .notAction: "NotAction"
        case .resource: "Resource"
        case .notResource: "NotResource"
        case .condition: "Condition"
        }
    }

    var bit: UInt16 { 1 << rawValue }

    private static let names = allCases.map { (bytes: Array($0.name.utf8), member: $0) }

    /// `nil` for a name that is not a statement element.
    init?(_ name: ArraySlice<UInt8>) {
        guard let found = Self.names.first(where: { $0.bytes.count == name.count && $0.bytes.elementsEqual(name) }) else { return nil }
        self = found.member
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

    /// `"name":`, as the bytes of the name. Member names are compared, never kept, so no string
    /// is made; a name written with escapes is left to the tree path (`nil`).
    fileprivate mutating func memberName() -> ArraySlice<UInt8>? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        index = end + 1
        guard enter(UInt8(ascii: ":")) else { return nil }
        return bytes[start..<end]
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
