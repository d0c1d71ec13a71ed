import Foundation

/// The parsed bundle behind `ManagedPolicies`: an index of lines built once, documents parsed
/// on first lookup and cached. A class with a lock because the cache fills concurrently.
final class ManagedPolicyStore: @unchecked Sendable {
    static let shared = ManagedPolicyStore.loadBundled()

    struct Entry {
        var info: ManagedPolicyInfo
        var documentText: Substring
    }

    let entries: [String: Entry]
    let deprecations: [String: Deprecation]
    let dataset: String
    let loadError: String?
    private let lock = NSLock()
    private var cache: [String: PolicyDocument] = [:]

    init(text: String, loadError: String? = nil) {
        var entries: [String: Entry] = [:]
        var deprecated: [(String, String?, String)] = []
        var dataset = "unknown"
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") {
                if line.hasPrefix("# dataset: ") { dataset = String(line.dropFirst("# dataset: ".count)) }
                continue
            }
            let fields = line.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false)
            if fields.first == "P", fields.count == 6 {
                let info = ManagedPolicyInfo(name: String(fields[1]), path: String(fields[2]),
                                             defaultVersionId: String(fields[3]), updateDate: String(fields[4]))
                entries[info.name] = Entry(info: info, documentText: fields[5])
            } else if fields.first == "D", fields.count >= 4 {
                deprecated.append((String(fields[1]), fields[2] == "-" ? nil : String(fields[2]), String(fields[3])))
            }
        }
        var deprecations: [String: Deprecation] = [:]
        for (name, replacement, reason) in deprecated {
            deprecations[name] = Deprecation(name: name, replacement: replacement, reason: reason, documentBundled: entries[name] != nil)
        }
        self.entries = entries
        self.deprecations = deprecations
        self.dataset = dataset
        self.loadError = loadError
    }

    var names: [String] { entries.keys.sorted() }

    func info(name: String) -> ManagedPolicyInfo? { entries[name]?.info }

    func document(name: String) -> PolicyDocument? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[name] { return cached }
        guard let entry = entries[name], let document = try? PolicyDocument(json: String(entry.documentText)) else { return nil }
        cache[name] = document
        return document
    }

    static func loadBundled() -> ManagedPolicyStore {
        guard let url = Bundle.module.url(forResource: "managed-policies", withExtension: "txt", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "managed-policies", withExtension: "txt") else {
            return ManagedPolicyStore(text: "", loadError: "bundled managed-policies.txt not found")
        }
        do {
            return ManagedPolicyStore(text: try String(contentsOf: url, encoding: .utf8))
        } catch {
            return ManagedPolicyStore(text: "", loadError: "cannot load bundled managed policies: \(error)")
        }
    }
}
