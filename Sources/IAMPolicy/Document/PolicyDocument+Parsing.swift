extension PolicyDocument {
    static let supportedVersions: Set<String> = ["2012-10-17", "2008-10-17"]
    static let documentElements: Set<String> = ["Version", "Id", "Statement"]
    static let statementElements: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    /// Builds a document from a parsed JSON tree, validating IAM's grammar.
    init(value: JSONValue) throws(PolicyParseError) {
        guard case let .object(members) = value else {
            throw PolicyParseError(.wrongType(expected: "object", found: value.typeName), at: "")
        }
        for member in members where !Self.documentElements.contains(member.key) {
            throw PolicyParseError(.unknownElement(member.key), at: "")
        }
        var version: String?
        if let raw = value["Version"] {
            guard case let .string(text) = raw else {
                throw PolicyParseError(.wrongType(expected: "string", found: raw.typeName), at: "Version")
            }
            guard Self.supportedVersions.contains(text) else {
                throw PolicyParseError(.invalidValue("unsupported policy version \"\(text)\""), at: "Version")
            }
            version = text
        }
        var id: String?
        if let raw = value["Id"] {
            guard case let .string(text) = raw else {
                throw PolicyParseError(.wrongType(expected: "string", found: raw.typeName), at: "Id")
            }
            id = text
        }
        let variables = version == "2012-10-17"
        var statements: [PolicyStatement] = []
        switch value["Statement"] {
        case nil:
            throw PolicyParseError(.missingElement("Statement"), at: "")
        case let .object(members)?:
            statements.append(try PolicyStatement(value: .object(members), path: "Statement", variables: variables))
        case let .array(elements)?:
            for (index, element) in elements.enumerated() {
                statements.append(try PolicyStatement(value: element, path: "Statement[\(index)]", variables: variables))
            }
        case let other?:
            throw PolicyParseError(.wrongType(expected: "object or array", found: other.typeName), at: "Statement")
        }
        self.init(version: version, id: id, statements: statements)
    }
}

extension PolicyStatement {
    init(value: JSONValue, path: String, variables: Bool) throws(PolicyParseError) {
        guard case let .object(members) = value else {
            throw PolicyParseError(.wrongType(expected: "object", found: value.typeName), at: path)
        }
        for member in members where !PolicyDocument.statementElements.contains(member.key) {
            throw PolicyParseError(.unknownElement(member.key), at: path)
        }
        var sid: String?
        if let raw = value["Sid"] {
            guard case let .string(text) = raw else {
                throw PolicyParseError(.wrongType(expected: "string", found: raw.typeName), at: "\(path).Sid")
            }
            sid = text
        }
        guard let rawEffect = value["Effect"] else { throw PolicyParseError(.missingElement("Effect"), at: path) }
        guard case let .string(effectText) = rawEffect else {
            throw PolicyParseError(.wrongType(expected: "string", found: rawEffect.typeName), at: "\(path).Effect")
        }
        guard let effect = Effect(rawValue: effectText) else {
            throw PolicyParseError(.invalidValue("Effect must be \"Allow\" or \"Deny\", found \"\(effectText)\""), at: "\(path).Effect")
        }

        let action: ActionClause
        switch (value["Action"], value["NotAction"]) {
        case (.some, .some): throw PolicyParseError(.conflictingElements("Action", "NotAction"), at: path)
        case (nil, nil): throw PolicyParseError(.missingElement("Action or NotAction"), at: path)
        case let (raw?, nil): action = .actions(try Self.strings(raw, at: "\(path).Action").map(ActionPattern.init))
        case let (nil, raw?): action = .notActions(try Self.strings(raw, at: "\(path).NotAction").map(ActionPattern.init))
        }

        var resource: ResourceClause?
        switch (value["Resource"], value["NotResource"]) {
        case (.some, .some): throw PolicyParseError(.conflictingElements("Resource", "NotResource"), at: path)
        case (nil, nil): resource = nil
        case let (raw?, nil):
            resource = .resources(try Self.strings(raw, at: "\(path).Resource").map { ResourcePattern($0, variables: variables) })
        case let (nil, raw?):
            resource = .notResources(try Self.strings(raw, at: "\(path).NotResource").map { ResourcePattern($0, variables: variables) })
        }

        var principal: PolicyPrincipal?, notPrincipal: PolicyPrincipal?
        switch (value["Principal"], value["NotPrincipal"]) {
        case (.some, .some): throw PolicyParseError(.conflictingElements("Principal", "NotPrincipal"), at: path)
        case let (raw?, nil): principal = try Self.principal(raw, at: "\(path).Principal")
        case let (nil, raw?): notPrincipal = try Self.principal(raw, at: "\(path).NotPrincipal")
        case (nil, nil): break
        }

        var condition = PolicyCondition()
        if let raw = value["Condition"] { condition = try Self.condition(raw, at: "\(path).Condition") }

        self.init(sid: sid, effect: effect, principal: principal, notPrincipal: notPrincipal,
                  action: action, resource: resource, condition: condition)
    }

    /// A string or an array of strings.
    static func strings(_ value: JSONValue, at path: String) throws(PolicyParseError) -> [String] {
        switch value {
        case let .string(text): return [text]
        case let .array(elements):
            var result: [String] = []
            result.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                guard case let .string(text) = element else {
                    throw PolicyParseError(.wrongType(expected: "string", found: element.typeName), at: "\(path)[\(index)]")
                }
                result.append(text)
            }
            return result
        default:
            throw PolicyParseError(.wrongType(expected: "string or array of strings", found: value.typeName), at: path)
        }
    }

    static func principal(_ value: JSONValue, at path: String) throws(PolicyParseError) -> PolicyPrincipal {
        switch value {
        case let .string(text):
            guard text == "*" else {
                throw PolicyParseError(.invalidValue("a principal given as a string must be \"*\", found \"\(text)\""), at: path)
            }
            return .everyone
        case let .object(members):
            var entries: [PrincipalEntry] = []
            for member in members {
                let kind = PrincipalEntry.Kind(member.key)
                for text in try strings(member.value, at: "\(path).\(member.key)") {
                    entries.append(PrincipalEntry(kind: kind, value: text))
                }
            }
            return .entries(entries)
        default:
            throw PolicyParseError(.wrongType(expected: "\"*\" or object", found: value.typeName), at: path)
        }
    }

    static func condition(_ value: JSONValue, at path: String) throws(PolicyParseError) -> PolicyCondition {
        guard case let .object(operators) = value else {
            throw PolicyParseError(.wrongType(expected: "object", found: value.typeName), at: path)
        }
        var clauses: [ConditionClause] = []
        for (name, body) in operators {
            guard case let .object(keys) = body else {
                throw PolicyParseError(.wrongType(expected: "object", found: body.typeName), at: "\(path).\(name)")
            }
            let op = ConditionOperator(name)
            for (key, raw) in keys {
                clauses.append(ConditionClause(op: op, key: key, values: try conditionValues(raw, at: "\(path).\(name).\(key)")))
            }
        }
        return PolicyCondition(clauses: clauses)
    }

    /// Condition values: strings, numbers or Booleans, alone or in an array.
    static func conditionValues(_ value: JSONValue, at path: String) throws(PolicyParseError) -> [String] {
        func scalar(_ value: JSONValue, at path: String) throws(PolicyParseError) -> String {
            switch value {
            case let .string(text): return text
            case let .number(text): return text
            case let .bool(flag): return flag ? "true" : "false"
            default: throw PolicyParseError(.wrongType(expected: "string, number or boolean", found: value.typeName), at: path)
            }
        }
        if case let .array(elements) = value {
            var result: [String] = []
            for (index, element) in elements.enumerated() { result.append(try scalar(element, at: "\(path)[\(index)]")) }
            return result
        }
        return [try scalar(value, at: path)]
    }
}
