/// Why `apply` or `rollback` stopped. Each names the environment and, once a record exists, the change id.
public enum RemediationError: Error, CustomStringConvertible, Equatable {
    case environmentNotFound(String)
    /// The environment changed since the plan was made: option, value in the plan, value now.
    case stalePlan(environment: String, differences: [String])
    case validationFailed(environment: String, messages: [String])
    case notReady(environment: String, status: String, waited: Int)
    case timedOut(environment: String, changeId: String, status: String, waited: Int)
    case updateRejected(environment: String, changeId: String, message: String)
    case unsupportedPlan(String)

    public var description: String {
        switch self {
        case .environmentNotFound(let name):
            return "environment '\(name)' not found (DescribeEnvironments answered no live environment of that name)"
        case .stalePlan(let name, let differences):
            return "the plan no longer matches environment '\(name)'; make a new plan:\n" + differences.map { "  - \($0)" }.joined(separator: "\n")
        case .validationFailed(let name, let messages):
            return "ValidateConfigurationSettings rejected the change for '\(name)'; nothing was changed:\n" + messages.map { "  - \($0)" }.joined(separator: "\n")
        case .notReady(let name, let status, let waited):
            return "environment '\(name)' is \(status), not Ready, after \(waited) s; nothing was changed (try again when it is Ready)"
        case .timedOut(let name, let id, let status, let waited):
            return "environment '\(name)' is still \(status) after \(waited) s; change \(id) is recorded as incomplete (`ebguard history`, `ebguard rollback \(id)`)"
        case .updateRejected(let name, let id, let message):
            return "UpdateEnvironment for '\(name)' failed: \(message) (change \(id) recorded as failed)"
        case .unsupportedPlan(let text):
            return text
        }
    }
}
