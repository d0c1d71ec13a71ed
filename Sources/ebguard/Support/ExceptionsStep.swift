import Controls
import Foundation
import History

/// Applies the exceptions register (ebguard.yml and the store) to findings, and words drift.
enum ExceptionsStep {
    /// The register: the store's exceptions and the `exceptions:` of ebguard.yml.
    static func load(config: String?, recorder: RunRecorder?) -> [ExceptionRecord] {
        var exceptions = recorder?.exceptions() ?? []
        do { exceptions += try ConfigFile.exceptions(path: config) } catch {
            Console.error("ebguard: \(error) (exceptions from the file not applied)")
        }
        return exceptions
    }

    /// Suppresses covered failures; says how many fail again because their exception expired.
    static func apply(_ exceptions: [ExceptionRecord], to findings: [Finding]) -> [Finding] {
        guard !exceptions.isEmpty else { return findings }
        let now = Date()
        let result = Exceptions.apply(exceptions, to: findings, now: now)
        let expired = Set(exceptions.filter { !$0.isActive(at: now) }.map(\.id))
        let hit = result.filter { $0.verdict == .fail && $0.evidence.contains { line in expired.contains { line.contains($0) } } }
        if !hit.isEmpty { Console.error("ebguard: \(hit.count) finding(s) fail again because their exception expired (see their evidence)") }
        return result
    }

    /// "Regressions since the previous run" for the top of the report; empty when none.
    static func regressionText(_ drift: DriftReport?) -> String {
        guard let drift, !drift.regressions.isEmpty || !drift.newResources.isEmpty else { return "" }
        var text = "Since the previous run of this scope: \(drift.regressions.count) regression(s), \(drift.newResources.count) new resource(s), \(drift.fixes.count) fix(es)\n"
        var only = drift
        only.fixes = []
        only.stillFailing = []
        only.assessmentChanges = []
        only.removedResources = []
        text += DriftText.render(only, limit: 20)
        return text + "\n"
    }
}
