import Foundation
import Inventory

/// The control catalog: every control of CONTROLS.md, in catalog order, and the evaluation of an
/// inventory against them.
public struct Catalog: Sendable {
    public let controls: [Control]
    private let byId: [String: Int]

    public init(controls: [Control]) {
        self.controls = controls
        var index: [String: Int] = [:]
        for (position, control) in controls.enumerated() where index[control.id] == nil { index[control.id] = position }
        byId = index
    }

    /// Every control ebguard ships.
    public static let standard = Catalog(controls: Control.identityControls + Control.networkControls + Control.dataControls
                                         + Control.runtimeControls + Control.detectionControls)

    public func control(id: String) -> Control? {
        byId[id.uppercased()].map { controls[$0] }
    }

    /// Evaluates every control for every environment, in parallel across environments.
    /// Findings come back in environment order, then catalog order.
    public func evaluate(_ inventory: Inventory, settings: AuditSettings = AuditSettings(), only ids: Set<String>? = nil) -> [Finding] {
        let selected = ids.map { wanted in controls.filter { wanted.contains($0.id) } } ?? controls
        let store = PolicyStore(iam: inventory.iam)
        let index = InventoryIndex(inventory)
        let environments = inventory.environments
        guard !environments.isEmpty else { return [] }
        let chunkCount = min(environments.count, max(1, ProcessInfo.processInfo.activeProcessorCount * 4))
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var findings: [Finding] = []
            var position = chunk
            while position < environments.count {
                let context = EnvironmentContext(inventory: inventory, environment: environments[position], settings: settings, policies: store, index: index)
                for control in selected {
                    findings.append(contentsOf: control.findings(in: context))
                }
                position += chunkCount
            }
            results.set(chunk, findings)
        }
        // Interleaved chunks: reassemble in environment order.
        var perEnvironment: [String: [Finding]] = [:]
        for chunk in results.all() {
            for finding in chunk { perEnvironment[finding.resource.environment ?? "", default: []].append(finding) }
        }
        var ordered: [Finding] = []
        ordered.reserveCapacity(results.all().reduce(0) { $0 + $1.count })
        var seen = Set<String>()
        for environment in environments where seen.insert(environment.name).inserted {
            ordered.append(contentsOf: perEnvironment[environment.name] ?? [])
        }
        return InlineSuppressions.apply(inventory.inlineSuppressions, to: ordered)
    }
}

extension Control {
    /// Turns the control's outcomes for one environment into findings.
    func findings(in context: EnvironmentContext) -> [Finding] {
        let outcomes = evaluate(context)
        return outcomes.map { outcome in
            var fix: Remediation?
            if outcome.verdict == .fail {
                fix = remediation.specialized(environment: context.environment.name, region: context.region)
            }
            var resource = outcome.resource ?? context.resourceRef
            if resource.environment == nil { resource.environment = context.environment.name }
            return Finding(control: id, verdict: outcome.verdict, severity: outcome.severity ?? severity, layer: layer, title: title,
                           resource: resource, evidence: outcome.evidence, reason: outcome.reason, remediation: fix,
                           location: Location(outcome.origin), source: outcome.origin?.description)
        }
    }
}

/// Per-chunk result slots written by concurrent workers; each slot is written by one worker.
private final class ChunkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Finding]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ findings: [Finding]) {
        lock.lock()
        slots[index] = findings
        lock.unlock()
    }

    func all() -> [[Finding]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
