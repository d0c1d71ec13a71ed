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

    /// Whole words that need no escape are copied as they are read; a word that may need one goes
    /// byte by byte, and then whole words again: a text with a line break or a quote (a
    /// configuration snippet, a command) is not copied byte by byte to its end. The last few bytes
    /// of a text of eight or more are copied as the word that ends it (which overlaps bytes already
    /// copied as they are), unless it may need an escape: most texts (names, identifiers, titles)
    /// are not a whole number of words long.
    private func appendContents(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress.map(UnsafeRawPointer.init) else { return }
        let length = bytes.count
        reserve(length)
        var target = base + count
        var index = 0
        // Room for the worst case (an escape takes at most six bytes, stored as a word, so two
        // more), made once, when the first byte that may need an escape is met.
        var roomForEscapes = false
        while true {
            while index + 8 <= length {
                let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if JSONWriter.mayNeedEscape(word) { break }
                UnsafeMutableRawPointer(target).storeBytes(of: word, as: UInt64.self)
                target += 8
                index += 8
            }
            guard index < length else { break }
            // Copied as they are so far (no escape yet), so the word ending the text overlaps
            // bytes equal to its own.
            if !roomForEscapes, length >= 8, length - index < 8 {
                let last = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                if !JSONWriter.mayNeedEscape(last) {
                    UnsafeMutableRawPointer(target + (length - index) - 8).storeBytes(of: last, as: UInt64.self)
                    target += length - index
                    break
                }
            }
            if !roomForEscapes {
                count = base.distance(to: target)
                reserve(6 * (length - index) + 2)
                target = base + count
                roomForEscapes = true
            }
            let stop = min(index + 8, length)
            while index < stop {
                let byte = bytes[index]
                index += 1
                guard JSONWriter.needsEscape(byte) else {
                    target.pointee = byte
                    target += 1
                    continue
                }
                let escape = JSONWriter.escape(byte)
                UnsafeMutableRawPointer(target).storeBytes(of: escape.word, as: UInt64.self)
                target += escape.length
            }
        }
        count = base.distance(to: target)
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
