import Foundation
import Inventory

/// Reads an `elasticbeanstalk describe-configuration-settings` output straight from its bytes into
/// the descriptions `JSONTape` and `EBMapping.configurationSettings` make of it, or answers `nil`
/// when it cannot: the file is then read the general way, which decides (and words any error) as before.
///
/// Why: an export holds one such file per environment (108 MB of the 274 MB of a fleet of 10,000
/// environments), each listing about a hundred option objects that repeat from environment to
/// environment. Made into a tape, each file's thousand values were recorded and then looked up by
/// name; here each option object is found by its bytes in the reading thread's memo, and only one
/// not met before is parsed (alone, as a tape) and mapped.
///
/// It reads only the shape the AWS CLI writes: an object whose one member is
/// `ConfigurationSettings`, an array of objects whose members are strings, except
/// `OptionSettings`: an array of objects whose members are strings. It validates what it reads as
/// the tape does (whitespace, escapes, UTF-8, ASCII keys without escapes, no repeated key, nothing
/// after the document); an option object is valid because equal bytes were, or because its own
/// tape is. Anything else answers `nil`.
enum ConfigurationSettingsReader {
    /// The descriptions in `bytes`, each setting given `origin`; texts are shared and option
    /// objects remembered through `context` (used by this thread alone meanwhile).
    static func descriptions(in bytes: UnsafeRawBufferPointer, origin: Origin, context: ExportReadingContext) -> [ConfigurationDescription]? {
        guard bytes.count < Int(Int32.max) else { return nil }
        let input = JSONInput(bytes, interner: context.interner)
        var reader = Reader(input: input, origin: origin, context: context)
        return try? reader.document()
    }

    private struct Reader {
        let input: JSONInput
        let origin: Origin
        let context: ExportReadingContext
        /// Where each option object of the description being read lies (reused from one to the next).
        var options: [Range<Int>] = []

        init(input: JSONInput, origin: Origin, context: ExportReadingContext) {
            self.input = input
            self.origin = origin
            self.context = context
        }

        mutating func document() throws -> [ConfigurationDescription] {
            var cursor = input.skipWhitespace(0)
            guard input[cursor] == UInt8(ascii: "{") else { throw FastReadUnsupported() }
            cursor = input.skipWhitespace(cursor + 1)
            let (key, afterKey) = try self.key(at: cursor)
            guard Self.equal(key, "ConfigurationSettings") else { throw FastReadUnsupported() }
            cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ":"), at: afterKey))
            guard input[cursor] == UInt8(ascii: "[") else { throw FastReadUnsupported() }
            var descriptions: [ConfigurationDescription] = []
            cursor = input.skipWhitespace(cursor + 1)
            if input[cursor] != UInt8(ascii: "]") {
                while true {
                    let end = try description(at: cursor, into: &descriptions)
                    cursor = input.skipWhitespace(end)
                    if input[cursor] == UInt8(ascii: "]") { break }
                    cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
                }
            }
            // The one member's value ends; so must the object, and the document with it.
            cursor = try input.expect(UInt8(ascii: "}"), at: cursor + 1)
            guard input.skipWhitespace(cursor) == input.count else { throw FastReadUnsupported() }
            return descriptions
        }

        /// Reads the description object at `offset` (its first byte) into `descriptions`; returns the offset after it.
        mutating func description(at offset: Int, into descriptions: inout [ConfigurationDescription]) throws -> Int {
            guard input[offset] == UInt8(ascii: "{") else { throw FastReadUnsupported() }
            var application: String?, environment: String?, template: String?, platformArn: String?
            var keys: [UnsafeRawBufferPointer] = []
            options.removeAll(keepingCapacity: true)
            var cursor = input.skipWhitespace(offset + 1)
            if input[cursor] != UInt8(ascii: "}") {
                while true {
                    let (key, afterKey) = try self.key(at: cursor)
                    guard !keys.contains(where: { Self.equal($0, key) }) else { throw FastReadUnsupported() }
                    keys.append(key)
                    let value = input.skipWhitespace(try input.expect(UInt8(ascii: ":"), at: afterKey))
                    if Self.equal(key, "OptionSettings") {
                        cursor = try optionObjects(at: value)
                    } else {
                        guard input[value] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
                        let (end, escaped) = try input.stringEnd(value)
                        let content = UnsafeBufferPointer(start: input.bytes + value + 1, count: end - value - 2)
                        if escaped { try input.validateEscapes(content) }
                        func text() throws -> String { escaped ? try input.unescape(content) : input.interner.string(content) }
                        if Self.equal(key, "ApplicationName") {
                            application = try text()
                        } else if Self.equal(key, "EnvironmentName") {
                            environment = try text()
                        } else if Self.equal(key, "TemplateName") {
                            template = try text()
                        } else if Self.equal(key, "PlatformArn") {
                            platformArn = try text()
                        }
                        cursor = end
                    }
                    cursor = input.skipWhitespace(cursor)
                    if input[cursor] == UInt8(ascii: "}") { break }
                    cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
                }
            }
            let settings = try Self.settings(options, in: input, origin: origin, context: context)
            descriptions.append((application, environment, template, platformArn.flatMap(RegionName.fromARN), settings))
            return cursor + 1
        }

        /// Records where each object of the `OptionSettings` array at `offset` lies; returns the offset after the array.
        mutating func optionObjects(at offset: Int) throws -> Int {
            guard input[offset] == UInt8(ascii: "[") else { throw FastReadUnsupported() }
            var cursor = input.skipWhitespace(offset + 1)
            if input[cursor] == UInt8(ascii: "]") { return cursor + 1 }
            while true {
                let end = try objectOfStringsEnd(at: cursor)
                options.append(cursor..<end)
                cursor = input.skipWhitespace(end)
                if input[cursor] == UInt8(ascii: "]") { return cursor + 1 }
                cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
            }
        }

        /// The offset after the object at `offset` whose members are all strings (only found, not
        /// validated: its bytes are, by the memo, which holds only bytes read strictly before, or
        /// by `optionSetting(in:of:)`). Its strings are skimmed: a valid string ends where the
        /// strict scan ends it, and an invalid one fails that strict read.
        func objectOfStringsEnd(at offset: Int) throws -> Int {
            guard input[offset] == UInt8(ascii: "{") else { throw FastReadUnsupported() }
            var cursor = input.skipWhitespace(offset + 1)
            if input[cursor] == UInt8(ascii: "}") { return cursor + 1 }
            while true {
                guard input[cursor] == UInt8(ascii: "\""), let keyEnd = input.skimValue(cursor) else { throw FastReadUnsupported() }
                let value = input.skipWhitespace(try input.expect(UInt8(ascii: ":"), at: keyEnd))
                guard input[value] == UInt8(ascii: "\""), let valueEnd = input.skimValue(value) else { throw FastReadUnsupported() }
                cursor = input.skipWhitespace(valueEnd)
                if input[cursor] == UInt8(ascii: "}") { return cursor + 1 }
                cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
            }
        }

        /// The settings of the option objects at `options` in `input`, as `EBMapping.configurationSettings`
        /// makes them. (Static, so that the closures below capture only what they use, not a reader each.)
        static func settings(_ options: [Range<Int>], in input: JSONInput, origin: Origin, context: ExportReadingContext) throws -> [OptionSetting] {
            let known = context.optionSettings
            return try [OptionSetting](unsafeUninitializedCapacity: options.count) { buffer, count in
                for span in options {
                    let bytes = UnsafeRawBufferPointer(start: input.bytes + span.lowerBound, count: span.count)
                    // Copied once, from the memo into the list, and given its origin there.
                    try known.withValue(for: bytes, make: { try optionSetting(in: span, of: input) }) { remembered in
                        guard let setting = remembered.pointee else { return }
                        (buffer.baseAddress! + count).initialize(to: setting)
                        buffer[count].origin = origin
                        count += 1
                    }
                }
            }
        }

        /// The setting `EBMapping.optionSetting` makes of the option object at `span` (an object whose
        /// members are all strings, as `objectOfStringsEnd` found it), without an origin; read as that
        /// object's own tape reads it: its keys unescaped ASCII and not repeated, its escapes valid.
        ///
        /// Why not that tape: an export's option objects met only once (those naming the
        /// environment: its roles, security groups, host names) are a few in every file, tens of
        /// thousands in a fleet; a tape for each cost copying the object, a node list and the
        /// lookups by name, several times reading it here.
        static func optionSetting(in span: Range<Int>, of input: JSONInput) throws -> OptionSetting? {
            var namespace: String?, name: String?, value: String?, resource: String?
            var keys: [UnsafeRawBufferPointer] = []
            var cursor = input.skipWhitespace(span.lowerBound + 1)
            if input[cursor] != UInt8(ascii: "}") {
                while true {
                    guard input[cursor] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
                    let (keyEnd, keyEscaped) = try input.stringEnd(cursor)
                    let key = UnsafeRawBufferPointer(start: input.bytes + cursor + 1, count: keyEnd - cursor - 2)
                    guard !keyEscaped, key.allSatisfy({ $0 < 0x80 }), !keys.contains(where: { equal($0, key) }) else { throw FastReadUnsupported() }
                    keys.append(key)
                    let start = input.skipWhitespace(try input.expect(UInt8(ascii: ":"), at: keyEnd))
                    guard input[start] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
                    let (end, escaped) = try input.stringEnd(start)
                    let content = UnsafeBufferPointer(start: input.bytes + start + 1, count: end - start - 2)
                    if escaped { try input.validateEscapes(content) }
                    func text() throws -> String { escaped ? try input.unescape(content) : input.interner.string(content) }
                    if equal(key, "Namespace") {
                        namespace = try text()
                    } else if equal(key, "OptionName") {
                        name = try text()
                    } else if equal(key, "Value") {
                        value = try text()
                    } else if equal(key, "ResourceName") {
                        resource = try text()
                    }
                    cursor = input.skipWhitespace(end)
                    if input[cursor] == UInt8(ascii: "}") { break }
                    cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
                }
            }
            guard cursor + 1 == span.upperBound else { throw FastReadUnsupported() }
            guard let namespace, let name else { return nil }
            return EBMapping.optionSetting(namespace: namespace, name: name, value: value, resource: resource, origin: nil)
        }

        /// The key at `offset` (unescaped ASCII, as the tape reads keys) and the offset after it.
        func key(at offset: Int) throws -> (UnsafeRawBufferPointer, Int) {
            guard input[offset] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
            let (end, escaped) = try input.stringEnd(offset)
            let key = UnsafeRawBufferPointer(start: input.bytes + offset + 1, count: end - offset - 2)
            guard !escaped, key.allSatisfy({ $0 < 0x80 }) else { throw FastReadUnsupported() }
            return (key, end)
        }

        static func equal(_ key: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
            key.count == word.utf8CodeUnitCount && (key.isEmpty || memcmp(key.baseAddress!, word.utf8Start, key.count) == 0)
        }

        static func equal(_ key: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Bool {
            key.count == other.count && (key.isEmpty || memcmp(key.baseAddress!, other.baseAddress!, key.count) == 0)
        }
    }
}
