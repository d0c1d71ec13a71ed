import Inventory

extension EnvironmentContext {
    /// Evaluates one option against a rule: unknown → `not-assessed`; otherwise pass or fail with the
    /// option (and where it was set, or that the default applies) as evidence.
    public func check(_ namespace: String, _ option: String, passes: (String?) -> Bool) -> Outcome {
        let value = self.option(namespace, option)
        guard case .known(let text, let setting) = value else {
            if case .unknown(let reason) = value { return .notAssessed(reason) }
            return .notAssessed("\(namespace)/\(option) unknown")
        }
        let evidence = describe(namespace, option, value)
        let origin = setting?.origin ?? environment.origin
        return passes(text) ? .pass(evidence, origin: origin) : .fail(evidence, origin: origin)
    }

    /// Combines several outcomes into one: any fail → fail (all failing evidence); else any
    /// not-assessed → not-assessed; else pass with all evidence.
    public func combine(_ outcomes: [Outcome]) -> Outcome {
        // (The outcomes are read where they lie: only the evidence and the origin that the combined
        // outcome keeps are copied, not each outcome whole.)
        if let firstFailure = outcomes.firstIndex(where: { $0.verdict == .fail }) {
            var evidence: [String] = []
            for index in outcomes.indices where outcomes[index].verdict == .fail { evidence += outcomes[index].evidence }
            return .fail(evidence, origin: outcomes[firstFailure].origin)
        }
        if let unknown = outcomes.first(where: { $0.verdict == .notAssessed }) { return unknown }
        return Outcome(verdict: .pass, evidence: outcomes.flatMap(\.evidence), origin: outcomes.isEmpty ? nil : outcomes[0].origin)
    }

    /// `not-applicable` for environments without a load balancer; `nil` when the control applies.
    public func requireLoadBalancer() -> Outcome? {
        guard let balanced = isLoadBalanced else {
            return .notAssessed(gapReason(.optionSettings, resource: environment.name, fallback: "environment type unknown"))
        }
        return balanced ? nil : .notApplicable(environment.isWorker ? "worker environment has no load balancer" : "single-instance environment has no load balancer")
    }

    public func isTrue(_ text: String?) -> Bool { text?.lowercased() == "true" }
}
