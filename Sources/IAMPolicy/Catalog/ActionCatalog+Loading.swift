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
        try self.init(bytes: Array(text.utf8))
    }

    /// Parses the catalog from UTF-8 bytes, splitting on bytes (much faster than `String` splitting,
    /// which matters because every audit loads the catalog).
    init(bytes: [UInt8]) throws(CatalogError) {
        let start = Date()
        var services: [String: Service] = [:]
        var dataset = "unknown"
        var current: (prefix: String, name: String)?
        var actions: [Action] = []
        var index: [String: Int] = [:]
        var resourceTypes: [String: String] = [:]

        func finish() {
            guard let current else { return }
            services[current.prefix.lowercased()] = Service(prefix: current.prefix, name: current.name, actions: actions,
                                                            index: index, resourceTypes: resourceTypes)
        }
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }

        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            guard let first = line.first else { continue }
            if first == UInt8(ascii: "#") {
                let marker = Array("# dataset: ".utf8)
                if line.starts(with: marker) { dataset = string(line.dropFirst(marker.count)) }
                continue
            }
            let fields = line.split(separator: tab, omittingEmptySubsequences: false)
            switch fields[0].count == 1 ? fields[0].first : nil {
            case UInt8(ascii: "S"):
                guard fields.count >= 3 else { throw CatalogError(line: lineNumber, reason: "service line needs 3 fields") }
                finish()
                current = (string(fields[1]), string(fields[2]))
                actions = []
                index = [:]
                resourceTypes = [:]
            case UInt8(ascii: "R"):
                guard current != nil, fields.count >= 3 else { throw CatalogError(line: lineNumber, reason: "resource line outside a service or short") }
                resourceTypes[string(fields[1])] = string(fields[2])
            case UInt8(ascii: "A"):
                guard let service = current, fields.count >= 4 else { throw CatalogError(line: lineNumber, reason: "action line outside a service or short") }
                guard let level = AccessLevel(code: Substring(string(fields[2]))) else {
                    throw CatalogError(line: lineNumber, reason: "unknown access level \(string(fields[2]))")
                }
                index[Self.lowercased(Substring(string(fields[1])))] = actions.count
                actions.append(Action(name: service.prefix + ":" + string(fields[1]), accessLevel: level, resourceTypesField: Substring(string(fields[3]))))
            default:
                throw CatalogError(line: lineNumber, reason: "unknown record type \(string(fields[0]))")
            }
        }
        finish()
        self.services = services
        actionCount = services.values.reduce(0) { $0 + $1.actions.count }
        self.dataset = dataset
        self.loadError = nil
        self.loadSeconds = Date().timeIntervalSince(start)
    }

    init(empty reason: String) {
        services = [:]
        actionCount = 0
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
            return try ActionCatalog(bytes: Array(try Data(contentsOf: url)))
        } catch {
            return ActionCatalog(empty: "cannot load bundled action catalog: \(error)")
        }
    }
}
