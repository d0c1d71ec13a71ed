import History
import Remediation

/// The history store as remediation's change journal.
struct HistoryJournal: ChangeJournal {
    let store: HistoryStore

    func recordChange(_ draft: ChangeDraft) throws -> String {
        let changes = draft.changes.map {
            OptionValueChange(namespace: $0.namespace, optionName: $0.optionName, resourceName: $0.resourceName,
                              previousValue: $0.oldValue, newValue: $0.newValue, previousValueRedacted: $0.oldValueRedacted)
        }
        return try store.recordChange(kind: draft.kind, rollbackOf: draft.rollbackOf, user: draft.user, region: draft.region,
                                      environmentName: draft.environmentName, environmentId: draft.environmentId,
                                      controls: draft.controls, changes: changes, planHash: draft.planHash).changeId
    }

    func updateChange(_ id: String, status: ChangeState, verification: String?, detail: String?) throws {
        try store.updateChange(id, status: ChangeStatus(rawValue: status.rawValue) ?? .failed, verification: verification, detail: detail)
    }

    /// A stored change as rollback needs it.
    static func recorded(_ record: ChangeRecord) -> RecordedChange {
        RecordedChange(changeId: record.changeId, kind: record.kind, region: record.region, environmentName: record.environmentName,
                       controls: record.controls,
                       changes: record.changes.map {
                           PlannedOptionChange(namespace: $0.namespace, optionName: $0.optionName, resourceName: $0.resourceName,
                                               oldValue: $0.previousValue, newValue: $0.newValue, oldValueRedacted: $0.previousValueRedacted)
                       },
                       status: ChangeState(rawValue: record.status.rawValue) ?? .failed)
    }
}
