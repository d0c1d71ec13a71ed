import Controls

/// Re-reads an environment after a change and re-evaluates chosen controls, so `apply` reports
/// what the environment now is, not what was asked of it.
public protocol ControlVerifier: Sendable {
    func findings(environment: PlanEnvironment, controls: [String]) async throws -> [Finding]
}
