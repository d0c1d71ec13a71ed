import Foundation

/// Writes JSON straight into bytes in the layout SARIF files have always had: the one
/// `JSONSerialization` gives with `.prettyPrinted`, `.sortedKeys` and `.withoutEscapingSlashes`
/// (two-space indent, `"key" : value`, empty containers as `[`, blank line, `]`).
///
/// Why not `JSONSerialization`: a SARIF log of a large scan holds tens of thousands of results, and
/// building `[String: Any]` trees, bridging them and sorting their keys cost more CPU and memory
/// than the scan itself. Callers write keys in sorted order (case-insensitive, as Foundation
/// sorts them); a test re-serializes the output with `JSONSerialization` and expects the same bytes.
struct SARIFWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Per open container: has it an element yet.
    private var hasElements: [Bool] = []
    /// A key was just written; the next value follows it on the same line.
    private var afterKey = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer for elements of the array `parent` has open, rendered apart (on another thread)
    /// and joined in order with `append(elementsOf:)`: the same bytes as writing them into
    /// `parent` directly.
    init(elementsOf parent: SARIFWriter) {
        depth = parent.depth
        hasElements = [false]
    }

    /// Appends the elements written into `part` (made with `init(elementsOf: self)`).
    mutating func append(elementsOf part: SARIFWriter) {
        guard part.hasElements.first == true else { return }
        if hasElements[hasElements.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElements[hasElements.count - 1] = true
        bytes.append(contentsOf: part.bytes)
    }

    /// The document as `Data` that shares the written bytes instead of copying them: a SARIF
    /// log of a large scan runs to tens of megabytes, and a copy would double the peak memory.
    /// The writer is left empty.
    mutating func finish() -> Data {
        let storage = bytes
        bytes = []
        guard !storage.isEmpty else { return Data() }
        return storage.withUnsafeBytes { buffer in
            Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress!), count: buffer.count,
                 deallocator: .custom { _, _ in withExtendedLifetime(storage) {} })
        }
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"name" : ` inside an object.
    mutating func key(_ name: String) {
        element()
        string(name)
        bytes.append(32)  // " : "
        bytes.append(58)
        bytes.append(32)
        afterKey = true
    }

    mutating func value(_ text: String) { element(); string(text) }
    mutating func value(_ number: Int) { element(); bytes.append(contentsOf: String(number).utf8) }
    mutating func value(_ flag: Bool) { element(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }

    /// `"name" : "text"`.
    mutating func field(_ name: String, _ text: String) {
        key(name)
        value(text)
    }

    /// `"name" : number`.
    mutating func field(_ name: String, _ number: Int) {
        key(name)
        value(number)
    }

    /// `"name" : { "text" : text }`, SARIF's message and multiformat string.
    mutating func message(_ name: String, text: String) {
        key(name)
        beginObject()
        field("text", text)
        endObject()
    }

    /// Starts a value: after a key nothing, otherwise a separator and the indent of a new line.
    private mutating func element() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasElements.isEmpty else { return }
        if hasElements[hasElements.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElements[hasElements.count - 1] = true
        bytes.append(UInt8(ascii: "\n"))
        indent()
    }

    private mutating func open(_ byte: UInt8) {
        element()
        bytes.append(byte)
        depth += 1
        hasElements.append(false)
    }

    private mutating func close(_ byte: UInt8) {
        if !hasElements.removeLast() { bytes.append(UInt8(ascii: "\n")) }
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(byte)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func indent() {
        for _ in 0..<(2 * depth) { bytes.append(32) }
    }

    /// Escapes as `JSONSerialization` does: `"` and `\`, the short forms `\b \f \n \r \t`, other
    /// control characters as `\u00xx` (lowercase hex); `/` and everything else as is.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        let needsEscaping: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if !(utf8.withContiguousStorageIfAvailable { $0.contains(where: needsEscaping) } ?? utf8.contains(where: needsEscaping)) {
            bytes.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                switch byte {
                case 0x22: bytes.append(contentsOf: [92, 34])
                case 0x5C: bytes.append(contentsOf: [92, 92])
                case 0x08: bytes.append(contentsOf: [92, 98])
                case 0x0C: bytes.append(contentsOf: [92, 102])
                case 0x0A: bytes.append(contentsOf: [92, 110])
                case 0x0D: bytes.append(contentsOf: [92, 114])
                case 0x09: bytes.append(contentsOf: [92, 116])
                case 0..<0x20: bytes.append(contentsOf: [92, 117, 48, 48, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
