import Foundation
import GRDB

extension HistoryStore {
    /// Every periodic review with when it was last performed and whether it is due.
    ///
    /// A review is performed by the latest run (by start time) in which at least one of its
    /// controls was assessed — a `pass`, `fail` or `suppressed` verdict; a run where they were
    /// all `not-assessed` saw nothing and does not count — or by a review recorded by hand
    /// (`recordReview`), whichever is later.
    public func reviewsDue(now: Date) throws -> [ReviewStatus] {
        try read { db in
            try Reviews.all.map { review in
                let placeholders = Array(repeating: "?", count: review.controls.count).joined(separator: ", ")
                var arguments = StatementArguments(review.controls)
                var performances: [ReviewPerformance] = []
                if let row = try Row.fetchOne(db, sql: """
                    SELECT id, started_at, user FROM run r
                    WHERE EXISTS (SELECT 1 FROM run_control c WHERE c.run_id = r.id AND c.assessed > 0 AND c.control IN (\(placeholders)))
                    ORDER BY started_at DESC, id DESC LIMIT 1
                    """, arguments: arguments), let at = StoreDate.date(row[1]) {
                    performances.append(ReviewPerformance(at: at, runId: row[0], by: row[2], note: nil))
                }
                arguments = [review.id]
                if let row = try Row.fetchOne(db, sql: """
                    SELECT performed_at, performed_by, note FROM review_record WHERE review = ? ORDER BY performed_at DESC, id DESC LIMIT 1
                    """, arguments: arguments), let at = StoreDate.date(row[0]) {
                    performances.append(ReviewPerformance(at: at, runId: nil, by: row[1], note: row[2]))
                }
                return Reviews.status(of: review, lastPerformed: performances.max { $0.at < $1.at }, now: now)
            }
        }
    }

    /// Records that a person performed a review by hand (read the policies, walked the security
    /// groups); it counts as performed from `at`.
    ///
    /// - Throws: `HistoryError.unknownReview` listing the review ids when `id` is not one.
    @discardableResult
    public func recordReview(id: String, by: String, note: String? = nil, at: Date = Date()) throws -> ReviewPerformance {
        guard Reviews.review(id: id) != nil else {
            throw HistoryError.unknownReview(id: id, known: Reviews.all.map(\.id))
        }
        guard !by.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HistoryError.invalidInput("a review record needs who performed it")
        }
        let at = StoreDate.normalized(at)
        try write { db in
            try db.execute(sql: "INSERT INTO review_record (review, performed_by, note, performed_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, by, note, StoreDate.text(at)])
        }
        return ReviewPerformance(at: at, runId: nil, by: by, note: note)
    }
}
