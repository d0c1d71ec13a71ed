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
    /// Findings come back in environment order, then catalog order (see `evaluate(_:settings:only:transform:consume:)`).
    public func evaluate(_ inventory: Inventory, settings: AuditSettings = AuditSettings(), only ids: Set<String>? = nil) -> [Finding] {
        let collected = CollectedFindings()
        evaluate(inventory, settings: settings, only: ids, transform: { $0 }, consume: { collected.append($0) })
        return collected.findings
    }

    /// Evaluates every control for every environment and hands the findings over in order, a
    /// batch of environments at a time, so that a caller can write a report without holding every
    /// finding of the run (an audit of 10,000 environments makes over half a million).
    ///
    /// Order: environments in inventory order, except that environments sharing a name (the same
    /// name in two regions) follow the first of them; within an environment, catalog order.
    /// Findings of inline suppressions without a reason come last. No environment, no finding.
    ///
    /// - Parameters:
    ///   - transform: runs on worker threads, in parallel, once per batch (e.g. rendering). It
    ///     owns the batch's findings: the evaluation keeps no other reference to them, so a
    ///     renderer can take each finding out of the array instead of copying it.
    ///   - consume: receives each batch's result in order, one call at a time (possibly from a
    ///     worker thread).
    ///   - keep: receives the run's shared analyses (every role's parsed policies and their caches,
    ///     the inventory index) once the evaluation is over, for a caller that is about to exit and
    ///     would rather leave them to the operating system than free them one object at a time.
    ///     Without it, they are freed on a background thread.
    public func evaluate<Batch>(_ inventory: Inventory, settings: AuditSettings = AuditSettings(), only ids: Set<String>? = nil,
                                transform: (consuming [Finding]) -> Batch, consume: (Batch) -> Void,
                                keep: ((any Sendable) -> Void)? = nil) {
        let selected = (ids.map { wanted in controls.filter { wanted.contains($0.id) } } ?? controls).map(EvaluationPlan.init)
        let order = Self.evaluationOrder(inventory.environments)
        // No environment, no findings (not even for reasonless suppressions), as ever.
        guard !order.isEmpty else { return }
        let store = PolicyStore(iam: inventory.iam)
        let index = InventoryIndex(inventory)
        let environments = inventory.environments
        let suppressions = inventory.inlineSuppressions
        let batchSize = 16
        let batchCount = (order.count + batchSize - 1) / batchSize
        let sequencer = OrderedDelivery<Batch>(count: batchCount)
        withoutActuallyEscaping(transform) { transform in
            withoutActuallyEscaping(consume) { consume in
                let work = UncheckedBox((transform, consume))
                DispatchQueue.concurrentPerform(iterations: batchCount) { batch in
                    let (transform, consume) = work.value
                    let positions = order[(batch * batchSize)..<min(order.count, (batch + 1) * batchSize)]
                    var findings: [Finding] = []
                    // About one finding per control and environment (a few controls make more): grown
                    // once, not doubled over and over.
                    findings.reserveCapacity(positions.count * selected.count * 5 / 4)
                    var sources = SourceTexts(controls: selected.count)
                    for position in positions {
                        let context = EnvironmentContext(environment: environments[position], settings: settings, policies: store, index: index)
                        for (place, plan) in selected.enumerated() {
                            plan.appendFindings(in: context, to: &findings, sources: &sources, position: place)
                        }
                    }
                    sequencer.deliver(batch, transform(InlineSuppressions.apply(suppressions, to: consume findings)), to: consume)
                }
            }
        }
        if let keep { keep(SharedAnalyses(store: store, index: index)) } else { Self.releaseInBackground(store, index) }
        let unexplained = InlineSuppressions.findingsWithoutReason(inventory.inlineSuppressions)
        if !unexplained.isEmpty { consume(transform(unexplained)) }
    }

    /// Hands the last references to the run's shared analyses (every role's parsed policies and
    /// their caches, the inventory index) to a background thread: freeing them for a fleet of
    /// thousands of roles takes a noticeable moment that the report's tail need not wait for.
    private static func releaseInBackground(_ store: PolicyStore, _ index: InventoryIndex) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime((store, index)) {} }
    }

    /// Environment positions in evaluation order: inventory order, with environments that share a
    /// name gathered behind the first of them.
    ///
    /// Reads each name where it lies: iterating the environments themselves copied each one
    /// (retaining and releasing every text and list of ten thousand environments).
    static func evaluationOrder(_ environments: [Environment]) -> [Int] {
        var groups: [String: [Int]] = [:]
        groups.reserveCapacity(environments.count)
        var names: [String] = []
        for position in environments.indices {
            let name = environments[position].name
            if groups[name] == nil { names.append(name) }
            groups[name, default: []].append(position)
        }
        if names.count == environments.count { return Array(environments.indices) }
        return names.flatMap { groups[$0] ?? [] }
    }
}

/// A control ready to evaluate: its fix prepared once for the whole run (see `RemediationTemplate`).
private final class EvaluationPlan: Sendable {
    let control: Control
    let fix: RemediationTemplate

    init(_ control: Control) {
        self.control = control
        fix = RemediationTemplate(control.remediation)
    }

    /// Turns the control's outcomes for one environment into findings, appended in order
    /// (`position`: the control's place in the evaluation, for `sources`).
    func appendFindings(in context: EnvironmentContext, to findings: inout [Finding], sources: inout SourceTexts, position: Int) {
        // Taken from the back of a reversed list, each outcome is moved into its finding rather
        // than copied out of the array (half a million findings). Reversed through the buffer,
        // which moves bytes (the array's own `reverse()` copies each element).
        var outcomes = control.evaluate(context)
        outcomes.withUnsafeMutableBufferPointer { $0.reverse() }
        while var outcome = outcomes.popLast() {
            var fix: Remediation?
            if outcome.verdict == .fail {
                fix = self.fix.specialized(environment: context.environment.name, region: context.region)
            }
            // The outcome's parts are moved into the finding (see `take`), not copied: a resource
            // is completed where it lies (the environment's own reference already names it).
            if outcome.resource?.environment == nil { outcome.resource?.environment = context.environment.name }
            // In files, a verdict decided by a default (an option nobody set) points at the
            // environment's definition, where the option belongs; code scanning needs a line.
            // The origin itself is not kept: its location and text are read from it where it lies.
            var location: Location?
            var source: String?
            if let origin = take(&outcome.origin, leaving: nil) ?? (context.defaultsPointAtDefinition ? context.environment.origin : nil) {
                if let file = origin.file { location = Location(file: file, line: origin.line, column: origin.column) }
                source = sources.text(of: origin, control: position)
            }
            findings.append(Finding(control: control.id, verdict: outcome.verdict, severity: outcome.severity ?? control.severity, layer: control.layer,
                                    title: control.title, resource: take(&outcome.resource, leaving: nil) ?? context.resourceRef, evidence: take(&outcome.evidence, leaving: []),
                                    reason: take(&outcome.reason, leaving: nil), remediation: fix, location: location, source: source))
        }
    }
}

/// `value`, moved out of its place and replaced by `empty`: the parts of an outcome that is
/// dropped right after go into its finding without a copy (a retain of each string now, and a
/// release when the outcome is dropped).
@inline(__always)
private func take<Value>(_ value: inout Value, leaving empty: Value) -> Value {
    var taken = empty
    swap(&taken, &value)
    return taken
}

/// `Origin.description` for findings' `source`, remembered per control and for the environment.
///
/// Why: a control's findings mostly point at the same origin in every environment (the IAM export,
/// the security groups' API call), and the rest at the environment's own definition; building the
/// text again for each of half a million findings cost more than many controls. Equal origins
/// share their strings, so comparing them is cheap.
///
/// Besides each control's last origin, the last few new ones are kept: an environment's findings
/// alternate between its own definition and shared sources (the IAM export, the API calls), and
/// with only the last new origin kept, each switch described the environment's origin again.
struct SourceTexts {
    /// The last origin of each control (by position in the evaluation).
    private var byControl: [DescribedOrigin?]
    /// The last new origins, the newest at `next - 1` (a ring).
    private var recent: [DescribedOrigin?] = Array(repeating: nil, count: 4)
    private var next = 0

    init(controls: Int) { byControl = Array(repeating: nil, count: controls) }

    mutating func text(of origin: Origin, control: Int) -> String {
        if let slot = byControl[control], slot.holds(origin) { return slot.text }
        for step in 1...recent.count {
            if let slot = recent[(next - step + recent.count) % recent.count], slot.holds(origin) {
                byControl[control] = slot
                return slot.text
            }
        }
        let slot = DescribedOrigin(origin)
        byControl[control] = slot
        recent[next] = slot
        next = (next + 1) % recent.count
        return slot.text
    }
}

/// An origin and its `description`, remembered: findings and evidence cite the same few origins
/// over and over. A class, so that holding on to one, or reading it, copies none of its strings.
final class DescribedOrigin {
    let origin: Origin
    let text: String

    init(_ origin: Origin) {
        self.origin = origin
        text = origin.description
    }

    /// `self.origin == origin`: equal origins mostly share their storage, which `==` compares first.
    func holds(_ other: Origin) -> Bool { origin == other }
}

/// The analyses one evaluation shares between its environments, handed to `Catalog.evaluate`'s
/// `keep` once it is over.
private struct SharedAnalyses: Sendable {
    let store: PolicyStore
    let index: InventoryIndex
}

/// Hands batch results to a consumer in batch order as workers finish them in any order: whoever
/// completes the next expected batch delivers it and every following one already done, outside the
/// lock, so workers never wait for the consumer.
private final class OrderedDelivery<Batch>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Batch?]
    private var next = 0
    private var delivering = false

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func deliver(_ index: Int, _ value: Batch, to consume: (Batch) -> Void) {
        lock.lock()
        slots[index] = value
        if delivering {
            lock.unlock()
            return
        }
        delivering = true
        while next < slots.count, let ready = slots[next] {
            slots[next] = nil
            next += 1
            lock.unlock()
            consume(ready)
            lock.lock()
        }
        delivering = false
        lock.unlock()
    }
}

/// The findings of `Catalog.evaluate` gathered in delivery order.
private final class CollectedFindings: @unchecked Sendable {
    private(set) var findings: [Finding] = []

    func append(_ batch: [Finding]) { findings.append(contentsOf: batch) }
}

/// Carries non-Sendable closures into `concurrentPerform`, whose iterations end before it returns
/// (the closures are only called while the caller waits).
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
