import Foundation
import Inventory

/// Option settings in their compact snapshot form (see `OptionSettings`): an origin table and rows
/// `[namespace, option, value, resource, layer, origin index, unresolved, secret?]`, the bulk of
/// every snapshot. Read as `OptionSettings.init(from:)` reads them; the older form (a list of
/// settings) is left to `JSONDecoder`.
extension OptionSettings: SnapshotReadable {
    static func read(_ input: JSONInput, at offset: Int) throws -> (OptionSettings, Int) {
        var origins: [Origin]?
        var settings: [OptionSetting]?
        var rowsStart: Int?
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "{"), at: offset))
        // `origins` comes before `settings` in sorted keys, and the rows need the origins: rows
        // found before their origins are noted, and read after the object (other keys are
        // ignored, as by Codable).
        if input[index] != UInt8(ascii: "}") {
            while true {
                let (key, keyEnd) = try input.string(index)
                let valueStart = input.skipWhitespace(try input.expect(UInt8(ascii: ":"), at: keyEnd))
                let end: Int
                switch key {
                case "origins":
                    guard origins == nil else { throw FastReadUnsupported() }
                    let (table, tableEnd) = try [Origin].read(input, at: valueStart)
                    origins = table
                    end = tableEnd
                case "settings":
                    guard rowsStart == nil else { throw FastReadUnsupported() }
                    rowsStart = valueStart
                    if let origins {
                        (settings, end) = try rows(input, at: valueStart, origins: origins)
                    } else {
                        end = try input.skipValue(valueStart)
                    }
                default:
                    end = try input.skipValue(valueStart)
                }
                index = input.skipWhitespace(end)
                if input[index] == UInt8(ascii: "}") { break }
                index = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: index))
            }
        }
        guard let origins, let rowsStart else { throw FastReadUnsupported() }
        if settings == nil { settings = try rows(input, at: rowsStart, origins: origins).0 }
        return (OptionSettings(settings ?? []), index + 1)
    }

    /// The settings of the rows array at `offset`, and the offset after it.
    private static func rows(_ input: JSONInput, at offset: Int, origins: [Origin]) throws -> ([OptionSetting], Int) {
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "["), at: offset))
        if input[index] == UInt8(ascii: "]") { return ([], index + 1) }
        var rows = RowBuffer()
        defer { rows.free() }
        var previous = PreviousNamespace()
        while true {
            rows.reserveOneMore()
            index = input.skipWhitespace(try row(input, at: index, origins: origins, previous: &previous, into: rows.next))
            rows.count += 1
            if input[index] == UInt8(ascii: "]") { return (rows.take(), index + 1) }
            index = try input.expect(UInt8(ascii: ","), at: index)
        }
    }

    /// Settings collected in one buffer, then moved whole (not copied) into an array of exactly
    /// their count.
    ///
    /// Why: a snapshot holds a million settings of nearly 180 bytes each. Appended to an array
    /// reserved for the usual hundred and more, each environment's list kept its spare capacity
    /// for the whole audit (tens of megabytes), or was reallocated as it grew.
    private struct RowBuffer {
        // Environments report a hundred options or more.
        var base = UnsafeMutablePointer<OptionSetting>.allocate(capacity: 128)
        var capacity = 128
        var count = 0

        var next: UnsafeMutablePointer<OptionSetting> { base + count }

        mutating func reserveOneMore() {
            guard count == capacity else { return }
            let grown = UnsafeMutablePointer<OptionSetting>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }

        /// The settings as an array; the buffer is left empty.
        mutating func take() -> [OptionSetting] {
            let moved = count
            count = 0
            return [OptionSetting](unsafeUninitializedCapacity: moved) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: base, count: moved)
                initialized = moved
            }
        }

        func free() {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    /// The last row's namespace: rows come sorted by namespace, so most rows repeat it.
    private struct PreviousNamespace {
        var start = 0
        var length = -1
        var text = ""
    }

    /// Initializes `setting` with the setting of the row at `offset`; returns the offset after the row.
    private static func row(_ input: JSONInput, at offset: Int, origins: [Origin], previous: inout PreviousNamespace,
                            into setting: UnsafeMutablePointer<OptionSetting>) throws -> Int {
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "["), at: offset))
        let namespace: String, option: String
        if input[index] == UInt8(ascii: "\""), previous.length >= 0, index + 1 + previous.length < input.count,
           input[index + 1 + previous.length] == UInt8(ascii: "\""),
           memcmp(input.bytes + index + 1, input.bytes + previous.start, previous.length) == 0 {
            namespace = previous.text
            index += previous.length + 2
        } else {
            let start = index + 1
            (namespace, index) = try input.string(index)
            // Only an escape-free text can be matched byte for byte next time.
            if index - start - 1 == namespace.utf8.count { previous = PreviousNamespace(start: start, length: namespace.utf8.count, text: namespace) }
        }
        (option, index) = try input.string(try input.expect(UInt8(ascii: ","), at: index))
        let value: String?, resource: String?
        (value, index) = try optionalString(input, try input.expect(UInt8(ascii: ","), at: index))
        (resource, index) = try optionalString(input, try input.expect(UInt8(ascii: ","), at: index))
        let layer: SettingLayer
        (layer, index) = try layerField(input, at: try input.expect(UInt8(ascii: ","), at: index))
        let originIndex: Int, unresolved: Bool
        (originIndex, index) = try input.integer(try input.expect(UInt8(ascii: ","), at: index))
        (unresolved, index) = try input.bool(try input.expect(UInt8(ascii: ","), at: index))
        var secret: SecretHit?
        index = input.skipWhitespace(index)
        if input[index] == UInt8(ascii: ",") {
            let start = input.skipWhitespace(index + 1)
            if input.isNull(start) {
                index = start + 4
            } else {
                (secret, index) = try SecretHit.read(input, at: start)
            }
            // Elements past the secret are ignored, as `OptionSettings.init(from:)` ignores them.
            index = input.skipWhitespace(index)
            while input[index] == UInt8(ascii: ",") { index = input.skipWhitespace(try input.skipValue(index + 1)) }
        }
        guard input[index] == UInt8(ascii: "]"), originIndex < origins.count else { throw FastReadUnsupported() }
        // The texts are handed over (consumed), not copied: a copy would retain and release each.
        setting.initialize(to: OptionSetting(namespace: consume namespace, optionName: consume option, value: consume value, resourceName: consume resource,
                                          unresolved: unresolved, secret: consume secret, layer: layer, origin: originIndex < 0 ? nil : origins[originIndex]))
        return index + 1
    }

    /// A row's layer: almost always `"direct"`, recognised by its bytes before any string is made.
    private static func layerField(_ input: JSONInput, at offset: Int) throws -> (SettingLayer, Int) {
        let start = input.skipWhitespace(offset)
        if start + 8 <= input.count, memcmp(input.bytes + start, "\"direct\"", 8) == 0 { return (.direct, start + 8) }
        return try SettingLayer.read(input, at: start)
    }

    private static func optionalString(_ input: JSONInput, _ offset: Int) throws -> (String?, Int) {
        let start = input.skipWhitespace(offset)
        if input.isNull(start) { return (nil, start + 4) }
        let (value, end) = try input.string(start)
        return (value, end)
    }
}
