import Controls
import Foundation
@testable import History
import Testing

@Suite("Periodic reviews")
struct ReviewsTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    func status(_ statuses: [ReviewStatus], _ id: String) throws -> ReviewStatus {
        try #require(statuses.first { $0.review.id == id })
    }

    @Test("the catalog names seed 002's six reviews, with real control ids")
    func catalog() {
        #expect(Reviews.all.map(\.id) == ["iam-policy", "secret-access", "security-groups", "platform-currency", "patch-strategy", "encryption-baseline"])
        #expect(Reviews.all.filter { $0.period == .monthly }.count == 3)
        #expect(Reviews.all.allSatisfy { review in !review.controls.isEmpty && review.controls.allSatisfy { $0.wholeMatch(of: /EB-(IAM|NET|DATA|RUN|DET)-\d{3}/) != nil } })
        #expect(Reviews.review(id: "platform-currency")?.controls.contains("EB-RUN-003") == true)
        #expect(ReviewPeriod.monthly.days == 30 && ReviewPeriod.quarterly.days == 91)
    }

    @Test("with no history every review is due and never performed")
    func neverPerformed() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        let statuses = try store.reviewsDue(now: now)
        #expect(statuses.count == Reviews.all.count)
        #expect(statuses.allSatisfy { $0.due && $0.lastPerformed == nil && $0.dueDate == nil })
    }

    @Test("a run 10 days ago performed the monthly review (not due); one 40 days ago leaves it 10 days overdue")
    func fromRuns() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        let old = try store.recordRun(newRun(startedAt: daysBefore(40, now)), findings: [
            makeFinding("EB-IAM-003", .pass), makeFinding("EB-NET-004", .fail), makeFinding("EB-RUN-003", .fail),
        ])
        let recent = try store.recordRun(newRun(startedAt: daysBefore(10, now)), findings: [
            makeFinding("EB-IAM-005", .suppressed),
            // Only not-assessed for the security-group controls: nothing was seen, the review is not performed.
            makeFinding("EB-NET-004", .notAssessed, reason: "AccessDenied on ec2:DescribeSecurityGroups"),
        ])
        let statuses = try store.reviewsDue(now: now)

        let iam = try status(statuses, "iam-policy")
        #expect(iam.lastPerformed?.runId == recent.id)
        #expect(iam.lastPerformed?.at == recent.startedAt)
        #expect(!iam.due)
        #expect(iam.overdueDays == 0)
        #expect(iam.dueDate == recent.startedAt.addingTimeInterval(30 * 86_400))

        let groups = try status(statuses, "security-groups")
        #expect(groups.lastPerformed?.runId == old.id)
        #expect(groups.due)
        #expect(groups.overdueDays == 10)

        let platform = try status(statuses, "platform-currency")  // quarterly: 40 days is not due
        #expect(platform.lastPerformed?.runId == old.id)
        #expect(!platform.due)

        let secrets = try status(statuses, "secret-access")
        #expect(secrets.lastPerformed == nil)
        #expect(secrets.due)
    }

    @Test("a review recorded by hand counts as performed; unknown review ids are refused")
    func byHand() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        try store.recordRun(newRun(startedAt: daysBefore(45, now)), findings: [makeFinding("EB-DATA-011", .pass)])
        let performed = try store.recordReview(id: "secret-access", by: "erin", note: "walked the Secrets Manager policies",
                                               at: daysBefore(5, now))
        let secrets = try status(try store.reviewsDue(now: now), "secret-access")
        #expect(secrets.lastPerformed == performed)
        #expect(secrets.lastPerformed?.runId == nil)
        #expect(secrets.lastPerformed?.by == "erin")
        #expect(!secrets.due)
        #expect(throws: HistoryError.unknownReview(id: "vibes", known: Reviews.all.map(\.id))) {
            try store.recordReview(id: "vibes", by: "erin")
        }
    }

    @Test("status: due exactly at the end of the period")
    func boundary() {
        let review = Reviews.all[0]
        let performed = ReviewPerformance(at: daysBefore(30, now), runId: 1, by: nil, note: nil)
        #expect(Reviews.status(of: review, lastPerformed: performed, now: now.addingTimeInterval(-1)).due == false)
        #expect(Reviews.status(of: review, lastPerformed: performed, now: now).due)
        #expect(Reviews.status(of: review, lastPerformed: performed, now: now).overdueDays == 0)
    }
}
