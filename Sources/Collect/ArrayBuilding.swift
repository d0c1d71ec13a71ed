extension Array {
    /// The non-`nil` results of `transform` over `source` (at most `capacity` of them), each written
    /// once straight into the array's storage.
    ///
    /// Why: appending a freshly made large value (an option setting carries a dozen texts) copied
    /// it into the array and destroyed the original, retaining and releasing every text; an export
    /// or a snapshot holds a million settings.
    static func building<Source: Sequence>(_ source: Source, capacity: Int,
                                           _ transform: (Source.Element) throws -> Element?) rethrows -> [Element] {
        try [Element](unsafeUninitializedCapacity: capacity) { buffer, count in
            for item in source {
                guard let element = try transform(item) else { continue }
                precondition(count < capacity, "more elements than the capacity given")
                (buffer.baseAddress! + count).initialize(to: element)
                count += 1
            }
        }
    }
}
