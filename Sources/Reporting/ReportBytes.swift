/// A growing run of report bytes, written through a pointer: the output of `CompactFindingWriter`.
///
/// Why: a compact report of 10,000 environments is 550,000 findings in about 330 MB, written a few
/// bytes at a time (a key, a value, a quote). `[UInt8].append(contentsOf:)` checks uniqueness and
/// capacity and copies through the generic path at each of those tens of millions of calls; here
/// each write is one capacity check and a copy. String values are scanned for bytes that need
/// escaping while they are copied, eight bytes at a time, instead of scanned and then copied.
///
/// Written by one thread; once handed over in a `JSONReportStream.Fragment`, only read.
final class ReportBytes: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var array: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let target = buffer.baseAddress { target.initialize(from: base, count: count) }
            initialized = count
        }
    }

    /// Reads the bytes written so far in place.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        reserve(length)
        (base + count).initialize(from: text.utf8Start, count: length)
        count += length
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// A JSON string's contents, escaped as `JSONWriter.appendString` escapes them, without quotes.
    func appendContents(_ text: String) {
        // Native strings are contiguous UTF-8, read in place (no copy of the string). Closures
        // rather than the method itself, which would be a partial application retaining `self`.
        if text.utf8.withContiguousStorageIfAvailable({ appendContents($0) }) == nil {
            var text = text
            text.withUTF8 { appendContents($0) }
        }
    }

    private func appendContents(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress.map(UnsafeRawPointer.init) else { return }
        let length = bytes.count
        reserve(length)
        let target = UnsafeMutableRawPointer(base + count)
        var index = 0
        // Whole words that need no escape are copied as they are read.
        while index + 8 <= length {
            let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if JSONWriter.mayNeedEscape(word) { break }
            target.storeBytes(of: word, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < length, !JSONWriter.needsEscape(bytes[index]) {
            target.storeBytes(of: bytes[index], toByteOffset: index, as: UInt8.self)
            index += 1
        }
        count += index
        guard index < length else { return }
        // The rest byte by byte: an escape takes at most six bytes (stored as a word, so two more).
        reserve(6 * (length - index) + 2)
        while index < length {
            let byte = bytes[index]
            index += 1
            guard JSONWriter.needsEscape(byte) else {
                base[count] = byte
                count += 1
                continue
            }
            let escape = JSONWriter.escape(byte)
            UnsafeMutableRawPointer(base + count).storeBytes(of: escape.word, as: UInt64.self)
            count += escape.length
        }
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}
