import Foundation

extension PolicyCondition {
    /// Evaluates every clause (AND). Keys that could not be resolved are appended to `unresolved`.
    func evaluate(_ context: RequestContext, unresolved: inout [String]) -> Tri {
        var result = Tri.yes
        for clause in clauses {
            let value = clause.evaluate(context)
            if value == .maybe { unresolved.append(clause.key) }
            result = result && value
            if result == .no { return .no }
        }
        return result
    }
}

extension ConditionClause {
    /// IAM's semantics for one clause, three-valued when the key is unknown.
    func evaluate(_ context: RequestContext) -> Tri {
        guard op.isSupported else { return .maybe }
        let lookup = context.lookup(key)
        if op.base == .null {
            let wantsAbsent: Tri
            switch lookup {
            case .unknown: return .maybe
            case .absent: wantsAbsent = .yes
            case let .present(list): wantsAbsent = Tri(list.isEmpty)
            }
            var any = Tri.no
            for value in values {
                switch value.lowercased() {
                case "true": any = any || wantsAbsent
                case "false": any = any || !wantsAbsent
                default: continue
                }
            }
            return any
        }
        let requestValues: [String]
        switch lookup {
        case .unknown:
            return .maybe
        case .absent:
            return absentResult
        case let .present(list):
            if list.isEmpty {
                switch op.qualifier {
                case .forAllValues?: return .yes
                case .forAnyValue?: return .no
                case nil: return absentResult
                }
            }
            requestValues = list
        }
        // Resolve policy variables inside condition values.
        var policyValues: [String] = []
        var unknownVariable = false
        for value in values {
            switch ConditionClause.substitute(value, context: context) {
            case let .some(text): policyValues.append(text)
            case .none: unknownVariable = true
            }
        }
        let result = match(requestValues, policyValues)
        if unknownVariable, result != .yes || op.isNegated { return .maybe }
        return result
    }

    /// The result when the key is absent from a complete request.
    var absentResult: Tri {
        if op.ifExists { return .yes }
        switch op.qualifier {
        case .forAllValues?: return .yes
        case .forAnyValue?: return .no
        case nil: return Tri(op.isNegated)
        }
    }

    func match(_ requestValues: [String], _ policyValues: [String]) -> Tri {
        let positive: (String) -> Bool = { request in policyValues.contains { matchOne(request, $0) } }
        switch (op.qualifier, op.isNegated) {
        case (.forAllValues?, false): return Tri(requestValues.allSatisfy(positive))
        case (.forAllValues?, true): return Tri(requestValues.allSatisfy { !positive($0) })
        case (.forAnyValue?, false): return Tri(requestValues.contains(where: positive))
        case (.forAnyValue?, true): return Tri(requestValues.contains { !positive($0) })
        case (nil, false): return Tri(requestValues.contains(where: positive))
        case (nil, true): return Tri(!requestValues.contains(where: positive))
        }
    }

    /// The positive comparison behind the operator (negated operators use their positive twin).
    func matchOne(_ request: String, _ policy: String) -> Bool {
        switch op.base {
        case .stringEquals, .stringNotEquals: return request == policy
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: return request.lowercased() == policy.lowercased()
        case .stringLike, .stringNotLike: return Glob.matches(Array(policy.utf8), Array(request.utf8))
        case .numericEquals, .numericNotEquals: return compare(Double(request), Double(policy), ==)
        case .numericLessThan: return compare(Double(request), Double(policy), <)
        case .numericLessThanEquals: return compare(Double(request), Double(policy), <=)
        case .numericGreaterThan: return compare(Double(request), Double(policy), >)
        case .numericGreaterThanEquals: return compare(Double(request), Double(policy), >=)
        case .dateEquals, .dateNotEquals: return compare(ConditionClause.date(request), ConditionClause.date(policy), ==)
        case .dateLessThan: return compare(ConditionClause.date(request), ConditionClause.date(policy), <)
        case .dateLessThanEquals: return compare(ConditionClause.date(request), ConditionClause.date(policy), <=)
        case .dateGreaterThan: return compare(ConditionClause.date(request), ConditionClause.date(policy), >)
        case .dateGreaterThanEquals: return compare(ConditionClause.date(request), ConditionClause.date(policy), >=)
        case .bool: return request.lowercased() == policy.lowercased()
        case .binaryEquals: return request == policy
        case .ipAddress, .notIpAddress: return CIDR(policy)?.contains(request) ?? false
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
            return ResourcePattern.match(Array(policy.utf8), ResourceQuery(request))
        case .null, .unsupported: return false
        }
    }

    func compare<T: Comparable>(_ a: T?, _ b: T?, _ relation: (T, T) -> Bool) -> Bool {
        guard let a, let b else { return false }
        return relation(a, b)
    }

    /// ISO 8601 (with or without fractional seconds, or date only) or epoch seconds.
    static func date(_ text: String) -> Double? {
        if let seconds = Double(text) { return seconds }
        let trimmed = text.trimmingSpaces()
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) { return date.timeIntervalSince1970 }
        if let date = try? Date.ISO8601FormatStyle().parse(trimmed) { return date.timeIntervalSince1970 }
        if trimmed.count == 10, let date = try? Date.ISO8601FormatStyle().year().month().day().parse(trimmed) {
            return date.timeIntervalSince1970
        }
        return nil
    }

    /// Substitutes `${key}` policy variables in a condition value; nil when one is unknown.
    static func substitute(_ value: String, context: RequestContext) -> String? {
        guard ResourcePattern.containsVariable(value.utf8) else { return value }
        switch ResourcePattern(value).substitute(context: context) {
        case let .resolved(bytes): return String(decoding: bytes, as: UTF8.self)
        case .unresolved, .impossible: return nil
        }
    }
}
