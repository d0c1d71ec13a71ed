import Foundation

/// The few reads the collector needs to plan its next calls from CLI-shaped trees.
extension Dictionary where Key == String, Value == Any {
    func text(_ key: String) -> String? {
        switch self[key] {
        case let text as String: text.isEmpty ? nil : text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    func list(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }

    func texts(_ key: String) -> [String] { (self[key] as? [Any] ?? []).compactMap { $0 as? String } }

    func child(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}

extension Array where Element: Hashable {
    /// The elements in first-seen order without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }

    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: Swift.max(1, size)).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
