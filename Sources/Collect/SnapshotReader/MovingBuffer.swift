/// Values collected in one growing buffer, then moved (never copied) to where they belong: an
/// array of exactly their count, or a dictionary made at its final size.
///
/// Why: a copy of a model value retains each of its texts (and the original then releases them),
/// and containers grown one element at a time reallocate (a dictionary rehashes every key) as they
/// grow. A snapshot holds a million option settings of nearly 180 bytes each, and dictionaries of
/// tens of thousands of resources.
struct MovingBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// How many elements are initialized, from `base` on.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Where the next element goes: initialize it, then call `didInitializeNext()`.
    mutating func next() -> UnsafeMutablePointer<Element> {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        return base + count
    }

    mutating func didInitializeNext() { count += 1 }

    mutating func append(_ element: consuming Element) {
        next().initialize(to: element)
        count += 1
    }

    /// The elements as an array; the buffer is left empty.
    mutating func takeArray() -> [Element] {
        let moved = count
        count = 0
        return [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: base, count: moved)
            initialized = moved
        }
    }

    /// Moves the elements to `destination` (uninitialized memory); returns how many. The buffer is
    /// left empty.
    mutating func moveAll(to destination: UnsafeMutablePointer<Element>) -> Int {
        let moved = count
        count = 0
        destination.moveInitialize(from: base, count: moved)
        return moved
    }

    /// Moves the elements out one by one, in order, into `body`; the buffer is left empty. When
    /// `body` throws, the elements not yet moved are destroyed.
    mutating func drain(_ body: (consuming Element) throws -> Void) rethrows {
        let total = count
        count = 0
        var position = 0
        defer { (base + position).deinitialize(count: total - position) }
        while position < total {
            let element = (base + position).move()
            position += 1
            try body(element)
        }
    }

    /// Destroys what is left and frees the storage.
    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
