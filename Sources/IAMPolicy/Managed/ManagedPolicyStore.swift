import Foundation

/// The parsed bundle behind `ManagedPolicies`: an index of lines built once, documents parsed
/// on first lookup and cached. A class with a lock because the cache fills concurrently.
final class ManagedPolicyStore: @unchecked Sendable {
    static let shared = ManagedPolicyStore.loadBundled()

    struct Entry {
        var info: ManagedPolicyInfo
        var document: Range<Int>
    }

    let bytes: [UInt8]
    let entries: [String: Entry]
    /// Keyed by name as a part of an ARN (`ManagedPolicies.nameSlice(ofArn:)`).
    let deprecations: [Substring: Deprecation]
    let dataset: String
    let loadError: String?
    private let lock = NSLock()
    /// Parsed documents by name, looked up like `deprecations`.
    private var cache: [Substring: PolicyDocument] = [:]

    /// Indexes the bundle by splitting bytes; documents are parsed only when looked up.
    init(bytes: [UInt8], loadError: String? = nil) {
        var entries: [String: Entry] = [:]
        var deprecated: [(String, String?, String)] = []
        var dataset = "unknown"
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if line.first == UInt8(ascii: "#") {
                let marker = Array("# dataset: ".utf8)
                if line.starts(with: marker) { dataset = string(line.dropFirst(marker.count)) }
                continue
            }
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 5, omittingEmptySubsequences: false)
            let kind = fields.first.map(string)
            if kind == "P", fields.count == 6 {
                let info = ManagedPolicyInfo(name: string(fields[1]), path: string(fields[2]),
                                             defaultVersionId: string(fields[3]), updateDate: string(fields[4]))
                entries[info.name] = Entry(info: info, document: fields[5].startIndex..<fields[5].endIndex)
            } else if kind == "D", fields.count >= 4 {
                let replacement = string(fields[2])
                deprecated.append((string(fields[1]), replacement == "-" ? nil : replacement, string(fields[3])))
            }
        }
        var deprecations: [Substring: Deprecation] = [:]
        for (name, replacement, reason) in deprecated {
            deprecations[name[...]] = Deprecation(name: name, replacement: replacement, reason: reason, documentBundled: entries[name] != nil)
        }
        self.bytes = bytes
        self.entries = entries
        self.deprecations = deprecations
        self.dataset = dataset
        self.loadError = loadError
    }

    var names: [String] { entries.keys.sorted() }

    func info(name: String) -> ManagedPolicyInfo? { entries[name]?.info }

    func document(name: String) -> PolicyDocument? {
        document(name: name[...])
    }

    func document(name: Substring) -> PolicyDocument? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[name] { return cached }
        guard let entry = entries[String(name)], let value = try? JSONValue.parse(Array(bytes[entry.document])),
              let document = try? PolicyDocument(value: value) else { return nil }
        // (Keyed by a name of its own, not a part of the caller's ARN, which it would keep alive.)
        cache[Substring(String(name))] = document
        return document
    }

    static func loadBundled() -> ManagedPolicyStore {
        guard let url = Bundle.module.url(forResource: "managed-policies", withExtension: "txt", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "managed-policies", withExtension: "txt") else {
            return ManagedPolicyStore(bytes: [], loadError: "bundled managed-policies.txt not found")
        }
        do {
            return ManagedPolicyStore(bytes: Array(try Data(contentsOf: url)))
        } catch {
            return ManagedPolicyStore(bytes: [], loadError: "cannot load bundled managed policies: \(error)")
        }
    }
}
