import Foundation
import Inventory

/// Reads one work item (a file on disk) into its `FileOutput`s; zips give one per entry.
struct FileReader {
    let options: ScanOptions

    func read(_ item: WorkItem) -> [FileOutput] {
        let isZip = item.relativePath.lowercased().hasSuffix(".zip")
        let limit = isZip ? options.maxArchiveFileSize : options.maxFileSize
        let size = (try? FileManager.default.attributesOfItem(atPath: item.fsPath)[.size] as? NSNumber)?.uint64Value ?? 0
        if size > limit {
            var output = FileOutput()
            output.problem(item.display, "file is \(size) bytes, over the \(limit)-byte limit; not read")
            return [output]
        }
        if !isZip && !item.explicit && item.app == nil && !Self.mayBeIaC(item.relativePath) { return [] }
        if isZip {
            let root = AppRoot(display: item.display, folderName: String(item.relativePath.split(separator: "/").last ?? "bundle").replacingOccurrences(of: ".zip", with: "", options: [.caseInsensitive, .anchored, .backwards]))
            return ZipBundleReader(options: options).read(fileAt: item.fsPath, display: item.display, app: root)
        }
        guard let data = FileManager.default.contents(atPath: item.fsPath) else {
            var output = FileOutput()
            output.problem(item.display, "cannot read file")
            return [output]
        }
        return [readText(data: data, display: item.display, relativePath: item.relativePath, app: item.app, explicit: item.explicit)]
    }

    /// Outside application folders only these names can hold something ebguard reads.
    static func mayBeIaC(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".tf", ".json", ".yaml", ".yml", ".template", ".cfn", ".zip", ".config"].contains { lower.hasSuffix($0) }
    }

    /// Reads one text file (from disk or from a bundle).
    func readText(data: Data, display: String, relativePath: String, app: AppRoot?, explicit: Bool) -> FileOutput {
        let bytes = [UInt8](data)
        let text = String(decoding: bytes, as: UTF8.self)
        let kind = SourceKind.classify(relativePath: relativePath, inApp: app != nil) { text }
        var output = FileOutput()
        if kind == .ignored || kind == .zip {
            if explicit { output.problem(display, "not a file kind ebguard reads (CloudFormation, Terraform, .ebextensions, hooks, saved configurations, bundles)") }
            return output
        }
        if Self.looksBinary(bytes) {
            if kind == .bundleFile { return output }
            output.problem(display, "binary content where a text file was expected")
            return output
        }
        switch kind {
        case .cloudFormationYAML: output = CloudFormationReader.read(text: text, path: display, json: false)
        case .cloudFormationJSON: output = CloudFormationReader.read(text: text, path: display, json: true)
        case .ebextensions: output = EbextensionsReader.read(text: text, path: display, app: app)
        case .platformHook: output = HookReader.read(text: text, path: display, app: app, kind: .platformHook)
        case .platformConfigHook: output = HookReader.read(text: text, path: display, app: app, kind: .platformConfigHook)
        case .savedConfiguration: output = SavedConfigurationReader.read(text: text, path: display, app: app)
        case .ebCLIConfig: output = EBCLIConfigReader.read(text: text, path: display, app: app)
        case .terraform: output = TerraformReader.read(text: text, path: display)
        case .terraformPlan: output = TerraformPlanReader.read(bytes: bytes, path: display)
        case .bundleFile: output = BundleFileReader.read(text: text, path: display, app: app)
        case .zip, .ignored: break
        }
        if text.utf8.count >= 15, ByteSearch.contains(text, Suppressions.marker) {
            output.inventory.inlineSuppressions += Suppressions.parse(text: text, path: display, anchors: output.anchors)
        }
        return output
    }

    /// NUL bytes in the first 8 KiB mean binary, as git decides.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains(0)
    }
}
