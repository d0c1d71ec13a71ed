import Foundation
import Inventory
@testable import IaC

/// Locates the fixtures folder next to this file.
enum Fixtures {
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The inventory key of a resource without a physical name: `path#logicalId`.
    static func local(_ relative: String, _ id: String) -> String { path(relative) + "#" + id }

    static func scan(_ relatives: String..., options: ScanOptions = .init()) -> Inventory {
        IaCScanner(options: options).scan(paths: relatives.map(path))
    }
}

extension Inventory {
    func environment(_ name: String) -> Environment? { environments.first { $0.name == name } }
}

/// A temporary folder removed at deinit.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "ebguard-iac-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: data)
        return full
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
