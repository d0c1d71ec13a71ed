import Foundation
import Inventory

/// The files `ebguard policy check` reads: named files as given, and every `*.json` under named
/// folders (hidden folders such as `.git` skipped), in a stable order.
enum PolicyFiles {
    static func expand(_ paths: [String]) -> (files: [String], problems: [InputProblem]) {
        var files: [String] = []
        var problems: [InputProblem] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(InputProblem(file: path, message: "no such file or folder"))
                continue
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            let found = jsonFiles(under: path)
            if found.isEmpty { problems.append(InputProblem(file: path, message: "folder holds no *.json file")) }
            files += found
        }
        return (files, problems)
    }

    static func jsonFiles(under folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [String] = []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let rootPath = root.standardizedFileURL.path
        for case let url as URL in walker where url.pathExtension.lowercased() == "json" {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(rootPath + "/") ? String(full.dropFirst(rootPath.count + 1)) : url.lastPathComponent
            found.append(prefix + relative)
        }
        return found.sorted()
    }
}
