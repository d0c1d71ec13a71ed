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
    ///
    /// A row whose bytes repeat the row at the same place in the previous environment read here is
    /// not read again (see `RepeatedValue`): environments of a fleet mostly report the same
    /// options with the same values, in the same order.
    private static func rows(_ input: JSONInput, at offset: Int, origins: [Origin]) throws -> ([OptionSetting], Int) {
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "["), at: offset))
        if input[index] == UInt8(ascii: "]") { return ([], index + 1) }
        // Environments report a hundred options or more; moved whole into an array of exactly
        // their count, each environment's list keeps no spare capacity for the whole audit.
        var rows = MovingBuffer<OptionSetting>(capacity: 128)
        defer { rows.free() }
        let earlier = input.lastSettingRows
        var spans: [SettingRows.Row] = []
        spans.reserveCapacity(max(earlier.rows.count, 16))
        var previous = PreviousNamespace()
        while true {
            index = input.skipWhitespace(index)
            if let repeated = earlier.repeatRow(spans.count, at: index, in: input, origins: origins, into: rows.next()) {
                spans.append(SettingRows.Row(start: index, length: repeated.length, originIndex: repeated.originIndex))
                index += repeated.length
            } else {
                let start = index, originIndex: Int
                (index, originIndex) = try row(input, at: index, origins: origins, previous: &previous, into: rows.next())
                spans.append(SettingRows.Row(start: start, length: index - start, originIndex: originIndex))
            }
            rows.didInitializeNext()
            index = input.skipWhitespace(index)
            if input[index] == UInt8(ascii: "]") {
                let settings = rows.takeArray()
                input.lastSettingRows = SettingRows(settings: settings, rows: spans)
                return (settings, index + 1)
            }
            index = try input.expect(UInt8(ascii: ","), at: index)
        }
    }

    /// One environment's option setting rows, as `rows` read them: the settings, and per row where
    /// its bytes are and its origin index (a row names its origin by its place in the environment's
    /// own origin table, so a repeated row takes its origin from the table being read).
    struct SettingRows {
        private(set) var settings: [OptionSetting] = []
        private(set) var rows: [Row] = []

        struct Row {
            let start: Int
            let length: Int
            let originIndex: Int
        }

        init() {}

        init(settings: [OptionSetting], rows: [Row]) {
            self.settings = settings
            self.rows = rows
        }

        /// When the bytes at `offset` repeat row `position`, initializes `setting` with its
        /// setting and the origin at its index in `origins`, and returns the row; `nil` otherwise,
        /// or when that index is outside `origins` (the row is then read, and refused, as any other).
        @inline(__always)
        func repeatRow(_ position: Int, at offset: Int, in input: JSONInput, origins: [Origin],
                       into setting: UnsafeMutablePointer<OptionSetting>) -> Row? {
            guard position < rows.count else { return nil }
            let row = rows[position]
            guard offset + row.length <= input.count, row.originIndex < origins.count,
                  memcmp(input.bytes + offset, input.bytes + row.start, row.length) == 0 else { return nil }
            settings.withUnsafeBufferPointer { earlier in
                OptionSetting.initialize(setting, namespace: earlier[position].namespace, optionName: earlier[position].optionName,
                                         value: earlier[position].value, resourceName: earlier[position].resourceName,
                                         unresolved: earlier[position].unresolved, secret: earlier[position].secret,
                                         layer: earlier[position].layer, origin: row.originIndex < 0 ? nil : origins[row.originIndex])
            }
            return row
        }
    }

    /// The last row's namespace: rows come sorted by namespace, so most rows repeat it.
    private struct PreviousNamespace {
        var start = 0
        var length = -1
        var text = ""
    }

    /// Initializes `setting` with the setting of the row at `offset`; returns the offset after the
    /// row and its origin index.
    private static func row(_ input: JSONInput, at offset: Int, origins: [Origin], previous: inout PreviousNamespace,
                            into setting: UnsafeMutablePointer<OptionSetting>) throws -> (end: Int, originIndex: Int) {
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
        OptionSetting.initialize(setting, namespace: namespace, optionName: option, value: value, resourceName: resource, unresolved: unresolved,
                                 secret: secret, layer: layer, origin: originIndex < 0 ? nil : origins[originIndex])
        return (index + 1, originIndex)
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
