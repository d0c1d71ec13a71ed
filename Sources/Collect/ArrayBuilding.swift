extension Array {
    /// The non-`nil` results of `transform` over `source` (at most `capacity` of them), each written
    /// straight into the array's storage.
    ///
    /// Why: `compactMap` over an export's option settings (a million of them, nearly 180 bytes
    /// each) grew its result by appending: reallocated as it grew, and kept up to twice the storage
    /// it needed. Here the storage is made once, at the known upper bound.
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
