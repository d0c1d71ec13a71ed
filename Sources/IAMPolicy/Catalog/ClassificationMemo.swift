import Foundation

/// A small thread-safe memo of "is this action pattern known?" answers.
///
/// Why: an audit of thousands of roles meets the same few hundred patterns (mostly from AWS
/// managed policies) over and over; looking each up once keeps `PolicyAnalysis.analyze` cheap.
/// Bounded so hostile input cannot grow it without limit.
final class ClassificationMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [[UInt8]: UnknownAction.Reason?] = [:]
    static let capacity = 50_000

    func value(for key: [UInt8], compute: () -> UnknownAction.Reason?) -> UnknownAction.Reason? {
        lock.lock()
        if let known = answers[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let answer = compute()
        lock.lock()
        if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
        answers[key] = answer
        lock.unlock()
        return answer
    }
}
