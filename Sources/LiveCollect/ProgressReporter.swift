import AWSWire
import Foundation

/// Turns collection events into short progress lines: calls made, environments read.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let counter: AWSCallCounter
    private let emit: @Sendable (String) -> Void
    private var regions: [String] = []
    private var environments = 0
    private var environmentsDone = 0
    private var lastEmit = Date.distantPast

    init(counter: AWSCallCounter, emit: @escaping @Sendable (String) -> Void) {
        self.counter = counter
        self.emit = emit
    }

    func setRegions(_ regions: [String]) { update { $0.regions = regions } }
    func addEnvironments(_ count: Int) { update { $0.environments += count } }
    func environmentDone() { update { $0.environmentsDone += 1 } }
    func finishEnvironments(_ count: Int) { update { _ in } }

    func done() {
        lock.lock()
        lastEmit = .distantPast
        lock.unlock()
        show(force: true)
    }

    private func update(_ change: (ProgressReporter) -> Void) {
        lock.lock()
        change(self)
        lock.unlock()
        show(force: false)
    }

    private func show(force: Bool) {
        lock.lock()
        let now = Date()
        guard force || now.timeIntervalSince(lastEmit) > 0.1 else {
            lock.unlock()
            return
        }
        lastEmit = now
        let line = "reading AWS (\(regions.joined(separator: ", "))): \(environmentsDone)/\(environments) environments, \(counter.total) API calls"
        lock.unlock()
        emit(line)
    }
}
