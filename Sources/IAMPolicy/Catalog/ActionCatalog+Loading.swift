import Foundation

/// Why a catalog text could not be read.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "action catalog line \(line): \(reason)" }
}

extension ActionCatalog {
    /// Parses the catalog line format (see `scripts/iam/gen-action-catalog.py`).
    ///
    /// - Throws: `CatalogError` naming the first bad line.
    public init(text: String) throws(CatalogError) {
        let start = Date()
        var services: [String: Service] = [:]
        var dataset = "unknown"
        var current: Service?
        var actions: [Action] = []
        var index: [String: Int] = [:]
        var resourceTypes: [String: String] = [:]

        func finish() {
            guard var service = current else { return }
            service.actions = actions
            service.resourceTypes = resourceTypes
            service = Service(prefix: service.prefix, name: service.name, actions: actions, index: index, resourceTypes: resourceTypes)
            services[service.prefix.lowercased()] = service
        }

        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("# dataset: ") { dataset = String(line.dropFirst("# dataset: ".count)) }
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch fields[0] {
            case "S":
                guard fields.count >= 3 else { throw CatalogError(line: lineNumber, reason: "service line needs 3 fields") }
                finish()
                current = Service(prefix: String(fields[1]), name: String(fields[2]), actions: [], index: [:], resourceTypes: [:])
                actions = []
                index = [:]
                resourceTypes = [:]
            case "R":
                guard current != nil, fields.count >= 3 else { throw CatalogError(line: lineNumber, reason: "resource line outside a service or short") }
                resourceTypes[String(fields[1])] = String(fields[2])
            case "A":
                guard let service = current, fields.count >= 4 else { throw CatalogError(line: lineNumber, reason: "action line outside a service or short") }
                guard let level = AccessLevel(code: fields[2]) else { throw CatalogError(line: lineNumber, reason: "unknown access level \(fields[2])") }
                index[fields[1].lowercased()] = actions.count
                actions.append(Action(name: service.prefix + ":" + fields[1], accessLevel: level, resourceTypesField: fields[3]))
            default:
                throw CatalogError(line: lineNumber, reason: "unknown record type \(fields[0])")
            }
        }
        finish()
        self.services = services
        self.dataset = dataset
        self.loadError = nil
        self.loadSeconds = Date().timeIntervalSince(start)
    }

    init(empty reason: String) {
        services = [:]
        dataset = "none"
        loadError = reason
        loadSeconds = 0
    }

    /// Loads `Resources/action-catalog.txt` from the module bundle; never crashes: a missing or
    /// bad file gives an empty catalog with `loadError` set.
    static func loadBundled() -> ActionCatalog {
        guard let url = Bundle.module.url(forResource: "action-catalog", withExtension: "txt", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "action-catalog", withExtension: "txt") else {
            return ActionCatalog(empty: "bundled action-catalog.txt not found")
        }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return try ActionCatalog(text: text)
        } catch {
            return ActionCatalog(empty: "cannot load bundled action catalog: \(error)")
        }
    }
}
