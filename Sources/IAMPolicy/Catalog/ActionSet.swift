/// A set of catalog actions as a bit set over the catalog's action ids.
///
/// Why: coverage questions ("what may the instance role do that the operator may not?", "which
/// granted actions were never used?") work on thousands of action names per role — `s3:*` alone
/// is over a hundred, a `NotAction` allow nearly twenty thousand. As sets of `String` every role
/// paid for hashing and copying those names; as bits over ids the same unions, intersections and
/// differences are a few hundred word operations, and the expansion of each pattern is computed
/// once per process (`ActionCatalog.actionSet(_:)`).
///
/// Ids number the catalog's distinct action names in ascending `String` order, so iterating a
/// set yields its names already sorted.
public struct ActionSet: Sendable, Hashable {
    private(set) var words: [UInt64]

    /// The empty set over a catalog of `capacity` action ids.
    init(capacity: Int) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// Every id below `capacity`.
    static func all(capacity: Int) -> ActionSet {
        var set = ActionSet(capacity: capacity)
        for index in set.words.indices { set.words[index] = ~0 }
        let extra = set.words.count * 64 - capacity
        if extra > 0, !set.words.isEmpty { set.words[set.words.count - 1] >>= UInt64(extra) }
        return set
    }

    mutating func insert(_ id: Int) {
        words[id >> 6] |= 1 << UInt64(id & 63)
    }

    mutating func remove(_ id: Int) {
        words[id >> 6] &= ~(1 << UInt64(id & 63))
    }

    func contains(_ id: Int) -> Bool {
        id >= 0 && id >> 6 < words.count && words[id >> 6] & (1 << UInt64(id & 63)) != 0
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    mutating func formUnion(_ other: ActionSet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    mutating func formIntersection(_ other: ActionSet) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    mutating func subtract(_ other: ActionSet) {
        for index in words.indices { words[index] &= ~other.words[index] }
    }

    func subtracting(_ other: ActionSet) -> ActionSet {
        var copy = self
        copy.subtract(other)
        return copy
    }

    /// The first `limit` ids in the set, ascending.
    func ids(prefix limit: Int) -> [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                guard result.count < limit else { return result }
                result.append(index * 64 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return result
    }

    /// The ids in the set, ascending.
    var ids: [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                result.append(index * 64 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return result
    }
}
