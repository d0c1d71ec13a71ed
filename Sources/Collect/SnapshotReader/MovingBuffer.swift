/// Values collected in one growing buffer, then moved (never copied) to where they belong: an
/// array of exactly their count, or a dictionary made at its final size.
///
/// Why: a copy of a model value retains each of its texts (and the original then releases them),
/// and containers grown one element at a time reallocate (a dictionary rehashes every key) as they
/// grow. A snapshot holds a million option settings of nearly 180 bytes each, and dictionaries of
/// tens of thousands of resources.
///
/// Elements go in at the end and come out at the front (`take`); `free` destroys whatever is
/// still in between.
struct MovingBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The elements in `taken..<count` are initialized.
    private(set) var count = 0
    private var taken = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// How many elements are still in the buffer.
    var remaining: Int { count - taken }

    /// Where the next element goes: initialize it, then call `didInitializeNext()`.
    mutating func next() -> UnsafeMutablePointer<Element> {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            (grown + taken).moveInitialize(from: base + taken, count: count - taken)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        return base + count
    }

    mutating func didInitializeNext() { count += 1 }

    /// Adds an element at the end. (Inlined, so that a large value goes straight into place
    /// instead of through a copy.)
    @inline(__always)
    mutating func append(_ element: consuming Element) {
        next().initialize(to: element)
        count += 1
    }

    /// Moves the first remaining element out (there must be one).
    @inline(__always)
    mutating func take() -> Element {
        precondition(taken < count, "no element left to take")
        taken += 1
        return (base + taken - 1).move()
    }

    /// The remaining elements as an array; the buffer is left empty.
    mutating func takeArray() -> [Element] {
        let moved = remaining
        return [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            initialized = moveAll(to: buffer.baseAddress!)
        }
    }

    /// Moves the remaining elements to `destination` (uninitialized memory); returns how many. The
    /// buffer is left empty.
    mutating func moveAll(to destination: UnsafeMutablePointer<Element>) -> Int {
        let moved = remaining
        destination.moveInitialize(from: base + taken, count: moved)
        taken = count
        return moved
    }

    /// Destroys the elements still here and frees the storage.
    func free() {
        (base + taken).deinitialize(count: count - taken)
        base.deallocate()
    }
}
