import Foundation
import Inventory

extension Inventory {
    /// Reads a large snapshot's inventory on every core: one quick pass finds the top-level members
    /// and cuts the environments (half of a snapshot) into slices; then members and slices are read
    /// concurrently, each with its own string interner, and assembled in order.
    ///
    /// Gives what `Inventory.read` gives, with the same checks (unknown, repeated or missing keys
    /// give up; every member and environment is read strictly); a 10,000-environment snapshot reads
    /// in about half the time on two cores.
    ///
    /// The slices are first cut where the file's own layout says environments start, without
    /// reading the environments in between (see `guessEnvironmentSlices`), and the other members
    /// are read in two runs, those before the environments and those after, each member after the
    /// previous one: nothing is skimmed first on one core while the others wait. When the layout
    /// does not hold, every member and environment is skimmed to cut the work, as before.
    static func readInParallel(_ buffer: UnsafeRawBufferPointer) throws -> (Inventory, Int) {
        if let read = try? readInParallel(buffer, guessingSlices: true) { return read }
        return try readInParallel(buffer, guessingSlices: false)
    }

    /// `guessingSlices`: find the environments and cut them where the layout suggests, reading the
    /// other members in two runs (and fail if a cut or a run's end does not hold), or skim every
    /// member and environment to find the cuts.
    static func readInParallel(_ buffer: UnsafeRawBufferPointer, guessingSlices: Bool) throws -> (Inventory, Int) {
        let input = JSONInput(buffer)
        let table = snapshotFields
        guard let environmentsField = table.fields.firstIndex(where: { $0.name.elementsEqual("environments".utf8) }) else {
            throw FastReadUnsupported()
        }
        if guessingSlices { return try readGuessingLayout(input, environmentsField: environmentsField) }
        let sliceCount = max(1, ProcessInfo.processInfo.activeProcessorCount * 2)
        var members: [(field: Int, value: Int, end: Int)] = []
        // Where each slice of environments starts, and the offset of the list's closing bracket.
        var sliceStarts: [Int] = []
        var environmentsClose = 0
        var seen: UInt64 = 0
        var cursor = 0
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "{"), at: 0))
        guard input[index] != UInt8(ascii: "}") else { throw FastReadUnsupported() }
        while true {
            guard input[index] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
            let (keyEnd, escaped) = try input.stringEnd(index)
            guard !escaped else { throw FastReadUnsupported() }
            let found = table.field(named: index + 1, keyEnd - 1, in: input, from: cursor)
            guard found >= 0, seen & (1 << UInt64(found)) == 0 else { throw FastReadUnsupported() }
            seen |= 1 << UInt64(found)
            cursor = found + 1 < table.fields.count ? found + 1 : 0
            let value = input.skipWhitespace(try input.expect(UInt8(ascii: ":"), at: keyEnd))
            let end: Int
            if found == environmentsField {
                (sliceStarts, environmentsClose) = try skimEnvironmentSlices(input, at: value, slices: sliceCount)
                end = environmentsClose + 1
            } else {
                // Skimmed: the worker reading the member checks it and must end here.
                guard let skimmed = input.skimValue(value) else { throw FastReadUnsupported() }
                end = skimmed
                members.append((found, value, end))
            }
            index = input.skipWhitespace(end)
            if input[index] == UInt8(ascii: "}") { index += 1; break }
            index = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: index))
        }
        guard seen & table.requiredMask == table.requiredMask else { throw FastReadUnsupported() }

        // Work: each other member, and each slice of the environments, largest first.
        enum Work { case member(Int), environments(start: Int, stop: Int) }
        var work: [(Work, Int)] = []
        for (slice, start) in sliceStarts.enumerated() {
            let stop = slice + 1 < sliceStarts.count ? sliceStarts[slice + 1] : environmentsClose
            work.append((.environments(start: start, stop: stop), stop - start))
        }
        for (position, member) in members.enumerated() { work.append((.member(position), member.end - member.value)) }
        work.sort { $0.1 > $1.1 }

        // A slice's environments stay in their buffer until they are moved into the final list:
        // collected in arrays and joined, every environment was copied (each of its texts
        // retained) and then destroyed (released again).
        enum Part { case member(Inventory), environments(MovingBuffer<Environment>) }
        let results = ResultSlots<Part>(count: work.count)
        let bytes = SharedBytes(buffer)
        let (plan, found, close) = (work, members, environmentsClose)
        DispatchQueue.concurrentPerform(iterations: work.count) { item in
            let isSlice = if case .environments = plan[item].0 { true } else { false }
            let local = pieceInput(bytes, size: plan[item].1, environments: isSlice)
            do {
                switch plan[item].0 {
                case .member(let position):
                    var partial = Inventory()
                    let end = try withUnsafeMutablePointer(to: &partial) { try table.fields[found[position].field].read($0, local, found[position].value) }
                    guard end == found[position].end else { throw FastReadUnsupported() }
                    results.set(item, .member(partial))
                case .environments(let start, let stop):
                    results.set(item, .environments(try readSlice(local, from: start, to: stop, close: close)))
                }
            } catch {
                // A piece that fails leaves its slot empty, and an empty slot fails the whole read.
            }
        }

        var inventory = Inventory()
        var slicesInOrder: [(start: Int, environments: MovingBuffer<Environment>)] = []
        var complete = true
        for (item, part) in results.all().enumerated() {
            switch (work[item].0, part) {
            case (.member(let position), .member(let partial)?): table.fields[members[position].field].copy(&inventory, partial)
            case (.environments(let start, _), .environments(let environments)?): slicesInOrder.append((start, environments))
            default: complete = false
            }
        }
        inventory.environments = try assemble(slicesInOrder, complete: complete)
        return (inventory, index)
    }

    /// `readInParallel` on the layout `JSONEncoder` gives a snapshot: the environments are found
    /// by their key and cut into slices without reading them (see `guessEnvironmentSlices`), and
    /// the members before and after them are read in two runs (see `readMembers`), all side by side.
    ///
    /// Every guess is proved by a strict read: the run before the environments must end exactly at
    /// their key, each slice exactly where the next starts, and the run after them at the end of
    /// the object. A guess that does not hold fails the read (then everything is skimmed to cut it).
    private static func readGuessingLayout(_ input: JSONInput, environmentsField: Int) throws -> (Inventory, Int) {
        let table = snapshotFields
        let environmentsBit: UInt64 = 1 << UInt64(environmentsField)
        let open = input.skipWhitespace(try input.expect(UInt8(ascii: "{"), at: 0))
        // Found by its bracket: the members before it have few lists, and many quotes.
        let key = Array("\"environments\":[".utf8)
        guard let keyStart = find(key, in: input, from: open, anchor: key.count - 1) else { throw FastReadUnsupported() }
        let nextKey = environmentsField + 1 < table.fields.count ? table.fields[environmentsField + 1].name : nil
        // More slices than cores, so that the two runs (each as long as several slices) and the
        // slices share the cores evenly.
        let sliceCount = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
        let (sliceStarts, close) = try guessEnvironmentSlices(input, at: keyStart + key.count - 1, nextKey: nextKey, slices: sliceCount)

        // Work: the run before the environments (from the object's first key, up to theirs), the
        // run after them (from the comma after the list to the object's end), and each slice;
        // largest first.
        enum Work { case before, after, environments(start: Int, stop: Int) }
        var work: [(Work, Int)] = [(.before, keyStart - open), (.after, input.count - close)]
        for (slice, start) in sliceStarts.enumerated() {
            let stop = slice + 1 < sliceStarts.count ? sliceStarts[slice + 1] : close
            work.append((.environments(start: start, stop: stop), stop - start))
        }
        work.sort { $0.1 > $1.1 }

        enum Part { case members(Inventory, seen: UInt64, end: Int), environments(MovingBuffer<Environment>) }
        let results = ResultSlots<Part>(count: work.count)
        let bytes = SharedBytes(UnsafeRawBufferPointer(start: input.bytes, count: input.count))
        let plan = work
        DispatchQueue.concurrentPerform(iterations: plan.count) { item in
            let isSlice = if case .environments = plan[item].0 { true } else { false }
            let local = pieceInput(bytes, size: plan[item].1, environments: isSlice)
            do {
                switch plan[item].0 {
                case .before:
                    let (members, seen, end) = try readMembers(local, from: open, until: keyStart)
                    results.set(item, .members(members, seen: seen, end: end))
                case .after:
                    // The list closes at `close`; the members after it follow its comma.
                    let first = local.skipWhitespace(try local.expect(UInt8(ascii: ","), at: close + 1))
                    let (members, seen, end) = try readMembers(local, from: first, until: nil)
                    results.set(item, .members(members, seen: seen, end: end))
                case .environments(let start, let stop):
                    results.set(item, .environments(try readSlice(local, from: start, to: stop, close: close)))
                }
            } catch {
                // A piece that fails leaves its slot empty, and an empty slot fails the whole read.
            }
        }

        var inventory = Inventory()
        var slicesInOrder: [(start: Int, environments: MovingBuffer<Environment>)] = []
        var complete = true
        var seen = environmentsBit
        var end = 0
        for (item, part) in results.all().enumerated() {
            switch (work[item].0, part) {
            case (.before, .members(let members, let fields, _)?), (.after, .members(let members, let fields, _)?):
                // A key in both runs, or an `environments` key among them, is a repeated key.
                if fields & seen != 0 { complete = false }
                seen |= fields
                for field in table.fields.indices where fields & (1 << UInt64(field)) != 0 { table.fields[field].copy(&inventory, members) }
                if case .after = work[item].0, case .members(_, _, let runEnd)? = part { end = runEnd }
            case (.environments(let start, _), .environments(let environments)?): slicesInOrder.append((start, environments))
            default: complete = false
            }
        }
        inventory.environments = try assemble(slicesInOrder, complete: complete && seen & table.requiredMask == table.requiredMask)
        return (inventory, end)
    }

    /// Reads the inventory's members one after another from the key at `start`: until the key at
    /// `stop` (which must come right after a member), or with `stop` `nil`, to the end of the
    /// object. Returns them in a blank inventory, the mask of the fields read, and the offset after
    /// the last member (after the object's closing brace when `stop` is `nil`).
    static func readMembers(_ input: JSONInput, from start: Int, until stop: Int?) throws -> (Inventory, UInt64, Int) {
        let table = snapshotFields
        var inventory = Inventory()
        var seen: UInt64 = 0
        var cursor = 0
        var index = start
        if index == stop { return (inventory, 0, index) }
        while true {
            index = try table.readMember(&inventory, input, at: index, seen: &seen, cursor: &cursor)
            if input[index] == UInt8(ascii: "}") {
                guard stop == nil else { throw FastReadUnsupported() }
                return (inventory, seen, index + 1)
            }
            guard input[index] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
            index = input.skipWhitespace(index + 1)
            if let stop {
                if index == stop { return (inventory, seen, index) }
                guard index < stop else { throw FastReadUnsupported() }
            }
        }
    }

    /// A reader of the file for one piece of the work, its interner sized to the piece: large
    /// enough that it seldom grows while reading it, and no larger (its table is read at every
    /// string and walked when it is freed). Members have a new text every 150 to 400 bytes;
    /// environments, whose options repeat from one to the next, one every 800 or so.
    private static func pieceInput(_ bytes: SharedBytes, size: Int, environments: Bool) -> JSONInput {
        JSONInput(bytes.buffer, expectedStrings: size / (environments ? 800 : 400))
    }

    /// One slice of environments (see `readEnvironments`) in a buffer of its own, freed again when
    /// the read fails.
    private static func readSlice(_ input: JSONInput, from start: Int, to stop: Int, close: Int) throws -> MovingBuffer<Environment> {
        var environments = MovingBuffer<Environment>(capacity: 64)
        do {
            try readEnvironments(input, from: start, to: stop, close: close, into: &environments)
        } catch {
            environments.free()
            throw error
        }
        return environments
    }

    /// The environments of the slices, in the order of their starts, moved into one list of exactly
    /// their count; when the read is not `complete` (a piece failed or a required member is
    /// missing), `FastReadUnsupported`. Every slice's buffer is freed either way, with whatever it
    /// still holds (nothing once moved).
    private static func assemble(_ slices: [(start: Int, environments: MovingBuffer<Environment>)], complete: Bool) throws -> [Environment] {
        var slices = slices
        defer { for slice in slices { slice.environments.free() } }
        guard complete else { throw FastReadUnsupported() }
        slices.sort { $0.start < $1.start }
        let total = slices.reduce(0) { $0 + $1.environments.remaining }
        return [Environment](unsafeUninitializedCapacity: total) { buffer, initialized in
            for slice in slices.indices {
                initialized += slices[slice].environments.moveAll(to: buffer.baseAddress! + initialized)
            }
        }
    }

    /// Reads the environments from `start` on, strictly, until the next one would start at `stop`
    /// (the next slice's start), or the list closes at `close` (when `stop` is `close`).
    ///
    /// Why this proves the cuts right: the first slice starts at the list's first element; a slice
    /// that starts at an element and reads element after element lands exactly on `stop` only if
    /// `stop` is where an element starts, so the next slice starts at one too, and so on. A cut
    /// anywhere else (inside an environment, or inside a text) makes a slice fail.
    static func readEnvironments(_ input: JSONInput, from start: Int, to stop: Int, close: Int,
                                         into environments: inout MovingBuffer<Environment>) throws {
        var index = start
        while true {
            let (environment, end) = try Environment.read(input, at: index)
            environments.append(environment)
            let after = input.skipWhitespace(end)
            if after == close {
                guard stop == close, input[after] == UInt8(ascii: "]") else { throw FastReadUnsupported() }
                return
            }
            guard after < stop, input[after] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
            index = input.skipWhitespace(after + 1)
            if index == stop { return }
            guard index < stop else { throw FastReadUnsupported() }
        }
    }

    /// Cuts the environment list at `offset` into slices of about equal size by skimming every
    /// environment: where each slice starts, and the offset of the closing bracket.
    private static func skimEnvironmentSlices(_ input: JSONInput, at offset: Int, slices: Int) throws -> ([Int], Int) {
        var starts: [Int] = []
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "["), at: offset))
        if input[index] == UInt8(ascii: "]") { return ([], index) }
        while true {
            starts.append(index)
            // Skimmed: the worker reading the slice checks every environment.
            guard let end = input.skimValue(index) else { throw FastReadUnsupported() }
            index = input.skipWhitespace(end)
            if input[index] == UInt8(ascii: "]") { break }
            index = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: index))
        }
        let close = index
        var cuts = [starts[0]]
        for slice in 1..<max(1, slices) {
            let target = starts[0] + (close - starts[0]) * slice / slices
            guard let next = starts.first(where: { $0 >= target && $0 > cuts[cuts.count - 1] }) else { break }
            cuts.append(next)
        }
        return (cuts, close)
    }

    /// Cuts the environment list at `offset` into slices of about equal size without reading it,
    /// from the layout `JSONEncoder` gives a snapshot: the list ends with `],"<next key>":`, and
    /// environments are written one after another as `},{"<one of Environment's keys>"`.
    ///
    /// Fast (a byte search instead of a skim of half the file), and only a guess: a text can hold
    /// those bytes (escaped quotes aside, a nested object can too). `readEnvironments` proves each
    /// cut, and a guess that does not hold makes the whole read fail (then the skim cuts instead).
    private static func guessEnvironmentSlices(_ input: JSONInput, at offset: Int, nextKey: [UInt8]?, slices: Int) throws -> ([Int], Int) {
        guard let nextKey else { throw FastReadUnsupported() }
        let open = try input.expect(UInt8(ascii: "["), at: offset)
        let first = input.skipWhitespace(open)
        guard let close = find(Array("],\"".utf8) + nextKey + Array("\":".utf8), in: input, from: open) else { throw FastReadUnsupported() }
        if first == close { return ([], close) }
        let fields = Environment.snapshotFields
        var cuts = [first]
        let separator = Array("},{\"".utf8)
        for slice in 1..<max(1, slices) {
            var search = max(first + (close - first) * slice / slices, cuts[cuts.count - 1] + 1)
            // The next separator followed by a key environments have.
            while let found = find(separator, in: input, from: search), found < close {
                let keyStart = found + separator.count
                if let keyEnd = memchr(input.bytes + keyStart, Int32(UInt8(ascii: "\"")), close - keyStart) {
                    let keyLength = UnsafeRawPointer(input.bytes + keyStart).distance(to: UnsafeRawPointer(keyEnd))
                    if fields.field(named: keyStart, keyStart + keyLength, in: input, from: 0) >= 0 {
                        cuts.append(found + 2)
                        break
                    }
                }
                search = found + 1
            }
        }
        return (cuts, close)
    }

    /// The offset of the first occurrence of `needle` (not empty) at or after `offset`, or `nil`.
    ///
    /// Found by its byte at `anchor`, the one rarest where it is searched: `memchr` runs through
    /// the bytes between two of those at memory speed, and each one it stops at is compared whole.
    static func find(_ needle: [UInt8], in input: JSONInput, from offset: Int, anchor: Int = 0) -> Int? {
        guard needle.indices.contains(anchor) else { return nil }
        var index = max(0, offset) + anchor
        let base = UnsafeRawPointer(input.bytes)
        return needle.withUnsafeBufferPointer { needle -> Int? in
            // `index` runs over where the anchor byte would be.
            while index - anchor + needle.count <= input.count {
                let last = input.count - needle.count + anchor
                guard let candidate = memchr(base + index, Int32(needle[anchor]), last + 1 - index) else { return nil }
                index = base.distance(to: UnsafeRawPointer(candidate))
                if memcmp(base + index - anchor, needle.baseAddress!, needle.count) == 0 { return index - anchor }
                index += 1
            }
            return nil
        }
    }
}

/// The document's bytes, read (never written) by every worker while the caller waits.
private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }
}
