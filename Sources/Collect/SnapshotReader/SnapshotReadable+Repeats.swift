import Foundation
import Inventory

/// A value and the bytes it was read from, for a reader to recognise the same bytes again.
///
/// Why: a snapshot of 10,000 environments cites the same origin (the API call and the export
/// file, its slashes escaped) in three origins out of four, one after another, and each
/// environment repeats most of its previous neighbour's option settings at the same place in its
/// list (the same defaults, in the same order). Reading one again costs validating and unescaping
/// its texts and looking each up in the interner; comparing it with the bytes of the last one costs
/// a `memcmp`.
///
/// Sound because a value that was read is a complete JSON value: the same bytes at another place
/// are the same complete value, read the same way (the checks it passed were checks of these bytes).
struct RepeatedValue<Value> {
    let start: Int
    let length: Int
    let value: Value

    /// The offset after the value when the bytes at `offset` repeat it, or `nil`.
    @inline(__always)
    func end(repeatedAt offset: Int, in input: JSONInput) -> Int? {
        guard offset + length <= input.count, memcmp(input.bytes + offset, input.bytes + start, length) == 0 else { return nil }
        return offset + length
    }
}

extension Origin: SnapshotReadable {
    /// An origin repeating the last one read is not read again (see `RepeatedValue`), and equal
    /// origins read one after another share their storage.
    static func read(_ input: JSONInput, at offset: Int) throws -> (Origin, Int) {
        let start = input.skipWhitespace(offset)
        if let last = input.lastOrigin, let end = last.end(repeatedAt: start, in: input) { return (last.value, end) }
        let (fields, end) = try OriginFields.readObject(input, at: start)
        let origin = fields.origin
        input.lastOrigin = RepeatedValue(start: start, length: end - start, value: origin)
        return (origin, end)
    }
}
