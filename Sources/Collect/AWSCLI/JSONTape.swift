import Foundation

/// One JSON document read into a flat list of its values (a "tape"), each naming where its text
/// lies in the document's bytes; strings and numbers are decoded only when a mapper reads them.
///
/// Why: an export of 10,000 environments is 27,000 files and about 300 MB of JSON. Turning each into a
/// tree of `[String: Any]` built (and then freed) a dictionary per object, a `String` per key and
/// value and an `NSNumber` per number, and every read cast `Any` back; the mappers read a fraction
/// of it. Here a document is one scan that validates it and records offsets.
///
/// It reads exactly the documents `FoundationJSON.fastObject` reads, with the same values: anything
/// else (a syntax error, a repeated key, a key with escapes or non-ASCII bytes, a number
/// `JSONSerialization` alone can read, deep nesting) makes `parse` return `nil`, and the importer
/// takes the `FoundationJSON` path, which decides (and words any error) as before.
/// Used by one thread: the importer parses and maps each file on the thread that read it.
final class JSONTape {
    enum Kind: UInt8 { case string, escapedString, number, trueValue, falseValue, null, object, array }

    /// A value: for strings, the text between the quotes; for containers, `next` is the index of
    /// the first node after its members (an object's members are key and value nodes in turn).
    struct Node {
        var kind: Kind
        var start: Int32
        var end: Int32
        var next: Int32
    }

    /// A key of an object being read: its print (`Reader.fingerprint`) and its node.
    private struct KeyPrint {
        var print: UInt64
        var node: Int32
    }

    private let storage: UnsafeMutableRawBufferPointer
    private let mapped: Bool
    private let input: JSONInput
    /// Read-only once parsed. Memory the tape owns, read without bounds checks: every index a
    /// reader passes comes from the tape's own nodes, starting at the root.
    private let nodes: UnsafeMutablePointer<Node>
    private let nodeCount: Int
    private let nodeCapacity: Int
    /// Where the nodes' storage goes back to when the tape goes away (documents nested in its
    /// strings take theirs from it too).
    let nodeStore: NodeStore?

    private init(storage: UnsafeMutableRawBufferPointer, mapped: Bool, input: JSONInput, nodes: NodeBuffer, nodeStore: NodeStore?) {
        self.storage = storage
        self.mapped = mapped
        self.input = input
        self.nodes = nodes.base
        nodeCount = nodes.count
        nodeCapacity = nodes.capacity
        self.nodeStore = nodeStore
    }

    deinit {
        Self.release(storage, mapped: mapped)
        NodeBuffer(base: nodes, capacity: nodeCapacity).release(to: nodeStore)
    }

    /// Gives back the bytes of a document: `mapped` ones come from `mmap`, others from `allocate`.
    static func release(_ storage: UnsafeMutableRawBufferPointer, mapped: Bool) {
        if mapped { munmap(storage.baseAddress, storage.count) } else { storage.deallocate() }
    }

    /// The document in `storage` (which is released when the tape is, or at once when the fast
    /// path does not read it: `nil`); the root (node 0) is an object. Its texts are shared through
    /// `interner` when given (one the caller's thread alone uses while it reads the tape), its
    /// nodes kept in storage from `nodeStore` when given.
    static func parse(taking storage: UnsafeMutableRawBufferPointer, mapped: Bool = false, interner: StringInterner? = nil,
                      nodeStore: NodeStore? = nil) -> JSONTape? {
        let input = interner.map { JSONInput(UnsafeRawBufferPointer(storage), interner: $0) } ?? JSONInput(UnsafeRawBufferPointer(storage))
        let start = input.skipWhitespace(0)
        guard storage.count < Int(Int32.max), input[start] == UInt8(ascii: "{") else {
            release(storage, mapped: mapped)
            return nil
        }
        // Documents run to one node per 8 to 16 bytes: growing a list that was reserved too short
        // copies it, while reserved pages that are never written cost no memory.
        var reader = Reader(input: input, nodes: NodeBuffer.take(capacity: max(16, storage.count / 8), from: nodeStore))
        do {
            let end = try reader.value(at: start, depth: 0)
            guard input.skipWhitespace(end) == input.count else { throw FastReadUnsupported() }
        } catch {
            release(storage, mapped: mapped)
            reader.nodes.release(to: nodeStore)
            return nil
        }
        return JSONTape(storage: storage, mapped: mapped, input: input, nodes: reader.nodes, nodeStore: nodeStore)
    }

    /// A copy of `bytes` parsed (sharing texts through `interner`, as above).
    static func parse(_ bytes: some Collection<UInt8>, interner: StringInterner? = nil) -> JSONTape? {
        guard !bytes.isEmpty else { return nil }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        storage.copyBytes(from: bytes)
        return parse(taking: storage, interner: interner)
    }

    /// The interner this tape's texts are shared through: documents nested in its strings are
    /// read with it too.
    var interner: StringInterner { input.interner }

    // MARK: Reading the document

    /// Builds the nodes of one document.
    private struct Reader {
        let input: JSONInput
        var nodes: NodeBuffer
        /// The keys of the objects being read, innermost last: each object's run starts where the
        /// list ended when the object began, and is dropped when the object ends.
        var openKeys: [KeyPrint] = []

        @inline(__always) mutating func append(_ kind: Kind, _ start: Int, _ end: Int) {
            nodes.append(Node(kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                              next: Int32(truncatingIfNeeded: nodes.count + 1)))
        }

        mutating func value(at offset: Int, depth: Int) throws(FastReadUnsupported) -> Int {
            let index = input.skipWhitespace(offset)
            guard depth < JSONInput.maximumDepth else { throw FastReadUnsupported() }
            switch input[index] {
            case UInt8(ascii: "\""):
                let (end, escaped, unicodeEscaped) = try input.stringScan(index)
                // `\u` escapes are decoded now once, to refuse what `FoundationJSON` refuses (a lone surrogate).
                if unicodeEscaped { try input.validateUnicodeEscapes(UnsafeBufferPointer(start: input.bytes + index + 1, count: end - index - 2)) }
                append(escaped ? .escapedString : .string, index + 1, end - 1)
                return end
            case UInt8(ascii: "{"):
                let me = nodes.count
                append(.object, index, index)
                var cursor = input.skipWhitespace(index + 1)
                let firstKey = openKeys.count
                if input[cursor] != UInt8(ascii: "}") {
                    while true {
                        guard input[cursor] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
                        let (keyEnd, escaped) = try input.stringEnd(cursor)
                        guard !escaped, isASCII(from: cursor + 1, to: keyEnd - 1) else { throw FastReadUnsupported() }
                        openKeys.append(KeyPrint(print: fingerprint(from: cursor + 1, to: keyEnd - 1), node: Int32(truncatingIfNeeded: nodes.count)))
                        append(.string, cursor + 1, keyEnd - 1)
                        let end = try value(at: try input.expect(UInt8(ascii: ":"), at: keyEnd), depth: depth + 1)
                        cursor = input.skipWhitespace(end)
                        if input[cursor] == UInt8(ascii: "}") { break }
                        cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
                    }
                }
                nodes[me].end = Int32(truncatingIfNeeded: cursor + 1)
                nodes[me].next = Int32(truncatingIfNeeded: nodes.count)
                if openKeys.count - firstKey > 1 { try rejectRepeatedKeys(from: firstKey) }
                openKeys.removeSubrange(firstKey...)
                return cursor + 1
            case UInt8(ascii: "["):
                let me = nodes.count
                append(.array, index, index)
                var cursor = input.skipWhitespace(index + 1)
                if input[cursor] != UInt8(ascii: "]") {
                    while true {
                        let end = try value(at: cursor, depth: depth + 1)
                        cursor = input.skipWhitespace(end)
                        if input[cursor] == UInt8(ascii: "]") { break }
                        cursor = try input.expect(UInt8(ascii: ","), at: cursor)
                    }
                }
                nodes[me].end = Int32(truncatingIfNeeded: cursor + 1)
                nodes[me].next = Int32(truncatingIfNeeded: nodes.count)
                return cursor + 1
            case UInt8(ascii: "t"):
                let end = try input.literal(index, "true")
                append(.trueValue, index, end)
                return end
            case UInt8(ascii: "f"):
                let end = try input.literal(index, "false")
                append(.falseValue, index, end)
                return end
            case UInt8(ascii: "n"):
                let end = try input.literal(index, "null")
                append(.null, index, end)
                return end
            default:
                let end = try input.numberEnd(index)
                append(.number, index, end)
                // Only numbers `FoundationJSON` reads itself (or through `JSONSerialization`) are read here.
                guard FoundationJSON.readsNumber(UnsafeBufferPointer(start: input.bytes + index, count: end - index)) else { throw FastReadUnsupported() }
                return end
            }
        }

        /// Whether the bytes from `start` up to `end` are all ASCII, eight at a time (every key
        /// of a document is checked).
        @inline(__always) func isASCII(from start: Int, to end: Int) -> Bool {
            var index = start
            var bits: UInt64 = 0
            while index + 8 <= end {
                bits |= UnsafeRawPointer(input.bytes + index).loadUnaligned(as: UInt64.self)
                index += 8
            }
            while index < end {
                bits |= UInt64(input.bytes[index])
                index += 1
            }
            return bits & 0x8080_8080_8080_8080 == 0
        }

        /// `FoundationJSON` gives up on a repeated key (keys here are unescaped ASCII, so equal
        /// strings are equal bytes): the keys of `openKeys` from `first` on are compared by their
        /// prints, and only keys with equal prints by their bytes.
        func rejectRepeatedKeys(from first: Int) throws(FastReadUnsupported) {
            try openKeys.withUnsafeBufferPointer { (keys) throws(FastReadUnsupported) in
                if keys.count - first <= 24 {
                    for a in first..<keys.count {
                        for b in (a + 1)..<keys.count where keys[a].print == keys[b].print {
                            if sameText(Int(keys[a].node), Int(keys[b].node)) { throw FastReadUnsupported() }
                        }
                    }
                } else {
                    var seen = Set<String>()
                    for key in keys[first...] {
                        let node = nodes[Int(key.node)]
                        let text = String(decoding: UnsafeBufferPointer(start: input.bytes + Int(node.start), count: Int(node.end - node.start)), as: UTF8.self)
                        guard seen.insert(text).inserted else { throw FastReadUnsupported() }
                    }
                }
            }
        }

        /// A key's length and first eight bytes in one word: keys with different prints differ.
        @inline(__always) func fingerprint(from start: Int, to end: Int) -> UInt64 {
            let length = end - start
            var word: UInt64 = 0
            if start + 8 <= input.count {
                word = UInt64(littleEndian: UnsafeRawPointer(input.bytes + start).loadUnaligned(as: UInt64.self))
                if length < 8 { word &= (1 << (8 * UInt64(length))) &- 1 }
            } else {
                for offset in 0..<min(8, length) { word |= UInt64(input.bytes[start + offset]) << (8 * UInt64(offset)) }
            }
            return word ^ (UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15)
        }

        @inline(__always) func sameText(_ a: Int, _ b: Int) -> Bool {
            let x = nodes[a], y = nodes[b]
            let length = Int(x.end - x.start)
            guard length == Int(y.end - y.start) else { return false }
            return memcmp(input.bytes + Int(x.start), input.bytes + Int(y.start), length) == 0
        }
    }

    // MARK: Reading values

    /// The value node of `key` in the object at `object`.
    func member(_ object: Int, _ key: String) -> Int? {
        var key = key
        return key.withUTF8 { wanted -> Int? in
            var index = object + 1
            let end = Int(nodes[object].next)
            while index < end {
                let node = nodes[index]
                if Int(node.end - node.start) == wanted.count,
                   wanted.isEmpty || memcmp(input.bytes + Int(node.start), wanted.baseAddress!, wanted.count) == 0 {
                    return index + 1
                }
                index = Int(nodes[index + 1].next)
            }
            return nil
        }
    }

    /// The keys of the object at `object`, in document order.
    func keys(_ object: Int) -> [String] {
        var keys: [String] = []
        forEachMember(object) { key, _ in keys.append(text(key)) }
        return keys
    }

    @inline(__always) func forEachMember(_ object: Int, _ body: (_ key: Int, _ value: Int) -> Void) {
        var index = object + 1
        let end = Int(nodes[object].next)
        while index < end {
            body(index, index + 1)
            index = Int(nodes[index + 1].next)
        }
    }

    @inline(__always) func forEachElement(_ array: Int, _ body: (Int) -> Void) {
        var index = array + 1
        let end = Int(nodes[array].next)
        while index < end {
            body(index)
            index = Int(nodes[index].next)
        }
    }

    @inline(__always) func kind(_ node: Int) -> Kind { nodes[node].kind }

    /// `body` over the bytes an object or array node spans in the document, brackets included
    /// (`nil` for other nodes): equal bytes are equal values, whatever reads them.
    func withBytes<Result>(of node: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result? {
        let value = nodes[node]
        guard value.kind == .object || value.kind == .array else { return nil }
        return try withExtendedLifetime(self) {
            try body(UnsafeRawBufferPointer(start: input.bytes + Int(value.start), count: Int(value.end - value.start)))
        }
    }

    /// The bytes of a string node between its quotes, as the document holds them (escapes as
    /// written): valid while the tape lives. For writers that copy a text without making it a `String`.
    func content(of node: Int) -> UnsafeBufferPointer<UInt8> {
        let value = nodes[node]
        return UnsafeBufferPointer(start: input.bytes + Int(value.start), count: Int(value.end - value.start))
    }

    /// The text of a string node (a key or a value).
    func text(_ node: Int) -> String {
        let value = nodes[node]
        let content = UnsafeBufferPointer(start: input.bytes + Int(value.start), count: Int(value.end - value.start))
        if value.kind == .escapedString, let decoded = try? input.unescape(content) { return decoded }
        // Validated UTF-8 (`stringEnd`): shared with equal texts read before.
        return input.interner.string(content)
    }

    /// The JSON document held in a string node, parsed (sharing this tape's interner), or `nil`
    /// when the node is not a string or the fast path does not read the document.
    ///
    /// Why: a CloudTrail record is a document inside a string; decoded straight into the new
    /// tape's storage, it is neither made into a `String` nor copied again.
    func document(_ node: Int) -> JSONTape? {
        let value = nodes[node]
        guard value.kind == .string || value.kind == .escapedString, value.end > value.start else { return nil }
        let content = UnsafeBufferPointer(start: input.bytes + Int(value.start), count: Int(value.end - value.start))
        let storage: UnsafeMutableRawBufferPointer
        if value.kind == .escapedString {
            guard let decoded = input.decodedBytes(content) else { return nil }
            storage = decoded
        } else {
            storage = .allocate(byteCount: content.count, alignment: 1)
            storage.copyMemory(from: UnsafeRawBufferPointer(content))
        }
        return JSONTape.parse(taking: storage, interner: interner, nodeStore: nodeStore)
    }

    /// A number node's value when it is an integer `FoundationJSON` makes itself (at most 18
    /// digits), read off its text: typed reads of counts, flags and epoch times need no `NSNumber`.
    func integer(_ node: Int) -> Int64? {
        let value = nodes[node]
        guard value.kind == .number else { return nil }
        return FoundationJSON.plainInteger(UnsafeBufferPointer(start: input.bytes + Int(value.start), count: Int(value.end - value.start)))
    }

    /// A value other than an object or array as `FoundationJSON` makes it (`String`, `NSNumber`, `NSNull`).
    func scalar(_ node: Int) -> Any? {
        let value = nodes[node]
        switch value.kind {
        case .string, .escapedString: return text(node)
        case .number: return FoundationJSON.number(UnsafeBufferPointer(start: input.bytes + Int(value.start), count: Int(value.end - value.start)))
        case .trueValue: return NSNumber(value: true)
        case .falseValue: return NSNumber(value: false)
        case .null: return NSNull()
        case .object, .array: return nil
        }
    }

    /// The value as a `FoundationJSON` tree, for what only that tree's readers handle.
    func tree(_ node: Int) -> Any {
        switch nodes[node].kind {
        case .object:
            var object: [String: Any] = [:]
            forEachMember(node) { key, value in object[text(key)] = tree(value) }
            return object
        case .array:
            var array: [Any] = []
            forEachElement(node) { array.append(tree($0)) }
            return array
        default:
            return scalar(node) ?? NSNull()
        }
    }
}

extension JSONTape {
    /// The nodes of a tape being read: memory it owns, grown by doubling.
    ///
    /// Why not an array: a document of tens of megabytes is millions of nodes, and an array
    /// checks its uniqueness and bounds on every append and every read.
    struct NodeBuffer {
        private(set) var base: UnsafeMutablePointer<Node>
        private(set) var capacity: Int
        private(set) var count = 0

        init(base: UnsafeMutablePointer<Node>, capacity: Int) {
            self.base = base
            self.capacity = capacity
        }

        /// Storage for at least `capacity` nodes, given back before to `store` when it has some.
        static func take(capacity: Int, from store: NodeStore?) -> NodeBuffer {
            if let spare = store?.take() {
                if spare.capacity >= capacity { return spare }
                spare.base.deallocate()
            }
            return NodeBuffer(base: .allocate(capacity: capacity), capacity: capacity)
        }

        @inline(__always) subscript(_ index: Int) -> Node {
            get { base[index] }
            nonmutating set { base[index] = newValue }
        }

        @inline(__always) mutating func append(_ node: Node) {
            if count == capacity { grow() }
            (base + count).initialize(to: node)
            count += 1
        }

        private mutating func grow() {
            let grown = UnsafeMutablePointer<Node>.allocate(capacity: 2 * capacity)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }

        /// Gives the storage back to `store`, or frees it (nodes are plain values: nothing to deinitialise).
        func release(to store: NodeStore?) {
            if let store { store.give(self) } else { base.deallocate() }
        }
    }

    /// Node storage handed on from tape to tape.
    ///
    /// Why: a thread reading an export parses thousands of documents one after the other; taking
    /// the storage the last one's nodes used spares allocating (and faulting in) fresh memory for
    /// each, and growing it as the document turns out longer than guessed. Tapes may go away on
    /// any thread, so it locks; storage for more than `largest` nodes is let go (a document of
    /// tens of megabytes comes once).
    final class NodeStore: @unchecked Sendable {
        private let lock = NSLock()
        private var spare: [NodeBuffer] = []
        private let largest: Int
        private let kept: Int

        /// `kept`: how many lists are held at once (a tape and the documents nested in it live together).
        init(largest: Int = 1 << 20, kept: Int = 4) {
            self.largest = largest
            self.kept = kept
        }

        deinit {
            for buffer in spare { buffer.base.deallocate() }
        }

        /// Empty storage given back before, when there is some.
        func take() -> NodeBuffer? {
            lock.lock()
            defer { lock.unlock() }
            return spare.popLast()
        }

        /// Keeps `nodes`' storage for a later tape (emptied), or frees it.
        func give(_ nodes: NodeBuffer) {
            guard nodes.capacity <= largest else { return nodes.base.deallocate() }
            lock.lock()
            let keep = spare.count < kept
            if keep { spare.append(NodeBuffer(base: nodes.base, capacity: nodes.capacity)) }
            lock.unlock()
            if !keep { nodes.base.deallocate() }
        }
    }
}
