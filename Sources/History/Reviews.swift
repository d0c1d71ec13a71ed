import Foundation

/// How often a periodic review is due.
public enum ReviewPeriod: String, Sendable, Codable, CaseIterable {
    case monthly, quarterly

    /// The period in days: 30 for monthly, 91 for quarterly (a quarter of a year, rounded up),
    /// so a review is due on the same weekday each time.
    public var days: Int {
        switch self {
        case .monthly: 30
        case .quarterly: 91
        }
    }
}

/// A periodic security review (seed 002, "Security review cadence"), and the controls whose
/// assessment performs it: a run that assessed any of them counts as the review being done.
public struct Review: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var period: ReviewPeriod
    public var controls: [String]

    public init(id: String, title: String, period: ReviewPeriod, controls: [String]) {
        self.id = id
        self.title = title
        self.period = period
        self.controls = controls
    }
}

/// When a review was last performed: by an audit run, or recorded by hand.
public struct ReviewPerformance: Sendable, Codable, Hashable {
    public var at: Date
    /// The run whose assessment performed the review; nil for a review recorded by hand.
    public var runId: Int64?
    /// Who recorded it by hand (or who ran the run).
    public var by: String?
    public var note: String?

    public init(at: Date, runId: Int64?, by: String?, note: String?) {
        self.at = at
        self.runId = runId
        self.by = by
        self.note = note
    }
}

/// Where a review stands today.
public struct ReviewStatus: Sendable, Codable, Hashable {
    public var review: Review
    /// Nil: never performed.
    public var lastPerformed: ReviewPerformance?
    /// When it is next due; nil when it was never performed (it is due now).
    public var dueDate: Date?
    public var due: Bool
    /// Whole days past the due date (0 when not due, or never performed).
    public var overdueDays: Int

    public init(review: Review, lastPerformed: ReviewPerformance?, dueDate: Date?, due: Bool, overdueDays: Int) {
        self.review = review
        self.lastPerformed = lastPerformed
        self.dueDate = dueDate
        self.due = due
        self.overdueDays = overdueDays
    }
}

/// The review cadence of seed 002 ("Monthly: IAM policy review, secret access review, security
/// group review. Quarterly: platform currency, patch strategy, encryption baseline
/// verification"), as data.
public enum Reviews {
    public static let all: [Review] = [
        Review(id: "iam-policy", title: "IAM policy review", period: .monthly, controls: [
            "EB-IAM-001", "EB-IAM-002", "EB-IAM-003", "EB-IAM-004", "EB-IAM-005", "EB-IAM-006", "EB-IAM-007",
            "EB-IAM-008", "EB-IAM-009", "EB-IAM-011", "EB-IAM-012", "EB-IAM-014",
        ]),
        Review(id: "secret-access", title: "Secret access review", period: .monthly, controls: [
            "EB-IAM-010", "EB-IAM-011", "EB-DATA-011", "EB-RUN-005", "EB-RUN-006",
        ]),
        Review(id: "security-groups", title: "Security group review", period: .monthly, controls: [
            "EB-NET-003", "EB-NET-004", "EB-NET-005", "EB-NET-006", "EB-NET-007",
        ]),
        Review(id: "platform-currency", title: "Platform currency", period: .quarterly, controls: [
            "EB-RUN-003", "EB-RUN-002",
        ]),
        Review(id: "patch-strategy", title: "Patch strategy", period: .quarterly, controls: [
            "EB-RUN-002", "EB-RUN-007",
        ]),
        Review(id: "encryption-baseline", title: "Encryption baseline verification", period: .quarterly, controls: [
            "EB-DATA-001", "EB-DATA-003", "EB-DATA-004", "EB-DATA-005", "EB-DATA-007", "EB-DATA-010", "EB-DATA-012",
            "EB-DATA-013", "EB-DATA-014",
        ]),
    ]

    /// The review with this id, nil if none.
    public static func review(id: String) -> Review? {
        all.first { $0.id == id }
    }

    /// Where `review` stands at `now`, given when it was last performed (nil: never, due now).
    public static func status(of review: Review, lastPerformed: ReviewPerformance?, now: Date) -> ReviewStatus {
        guard let lastPerformed else {
            return ReviewStatus(review: review, lastPerformed: nil, dueDate: nil, due: true, overdueDays: 0)
        }
        let dueDate = lastPerformed.at.addingTimeInterval(Double(review.period.days) * 86_400)
        let due = now >= dueDate
        let overdue = due ? Int((now.timeIntervalSince(dueDate) / 86_400).rounded(.down)) : 0
        return ReviewStatus(review: review, lastPerformed: lastPerformed, dueDate: dueDate, due: due, overdueDays: overdue)
    }
}
