import Foundation
import Inventory

/// An application folder (one holding `.ebextensions`, `.platform` or `.elasticbeanstalk`) or a
/// source bundle: everything read inside it configures one environment.
struct AppRoot: Sendable, Hashable {
    /// The folder or bundle path as the user gave it.
    var display: String
    /// The folder's own name (resolved for `.`), or the bundle's file name without `.zip`.
    var folderName: String
}

/// One file to read.
struct WorkItem: Sendable {
    var fsPath: String
    /// The path shown in origins.
    var display: String
    /// The path inside the application folder (or inside the scanned folder), for recognition.
    var relativePath: String
    var app: AppRoot?
    /// Named on the command line: an unrecognised explicit file is reported, a walked one skipped.
    var explicit: Bool
}

/// Lists the files to read under the given paths, skipping dependency and VCS folders and never
/// following symbolic links to folders (no loops).
struct FileWalker {
    let options: ScanOptions
    private(set) var items: [WorkItem] = []
    private(set) var problems: [InputProblem] = []
    private(set) var apps: [AppRoot] = []

    static let appMarkers: Set<String> = [".ebextensions", ".platform", ".elasticbeanstalk"]
    static let skippedFolders: Set<String> = [".git", "node_modules", ".terraform", ".hg", ".svn", "__pycache__", ".venv"]

    init(options: ScanOptions) { self.options = options }

    static func join(_ base: String, _ name: String) -> String {
        if base == "." || base.isEmpty { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    static func folderName(ofPath path: String) -> String {
        let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        return name.isEmpty || name == "/" ? "app" : name
    }

    mutating func add(path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            problems.append(InputProblem(file: path, message: "no such file or directory"))
            return
        }
        if isDirectory.boolValue {
            walk(fsPath: path, display: path, app: nil, relative: "")
            return
        }
        // A file named directly: find its application folder from the path.
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        var app: AppRoot?
        var relative = String(components.last ?? "")
        if let marker = components.lastIndex(where: { Self.appMarkers.contains(String($0)) }) {
            let rootPath = components[..<marker].joined(separator: "/")
            let display = rootPath.isEmpty ? "." : rootPath
            app = AppRoot(display: display, folderName: Self.folderName(ofPath: display))
            relative = components[marker...].joined(separator: "/")
            if !apps.contains(app!) { apps.append(app!) }
        }
        items.append(WorkItem(fsPath: path, display: path, relativePath: relative, app: app, explicit: true))
    }

    private mutating func walk(fsPath: String, display: String, app: AppRoot?, relative: String) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: fsPath).sorted()
        } catch {
            problems.append(InputProblem(file: display, message: "cannot list folder: \(error.localizedDescription)"))
            return
        }
        var app = app
        var relative = relative
        if names.contains(where: { Self.appMarkers.contains($0) }) {
            let root = AppRoot(display: display, folderName: Self.folderName(ofPath: fsPath))
            app = root
            relative = ""
            apps.append(root)
        }
        for name in names {
            if Self.skippedFolders.contains(name) || name.hasPrefix(".build") { continue }
            let childPath = fsPath.hasSuffix("/") ? fsPath + name : fsPath + "/" + name
            let childDisplay = Self.join(display, name)
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: childPath),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            if type == .typeDirectory {
                walk(fsPath: childPath, display: childDisplay, app: app, relative: childRelative)
            } else if type == .typeRegular {
                items.append(WorkItem(fsPath: childPath, display: childDisplay, relativePath: childRelative, app: app, explicit: false))
            }
        }
    }
}
