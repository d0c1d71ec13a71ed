import Foundation
import Inventory

/// Reads infrastructure-as-code and application bundles into one `Inventory`: CloudFormation
/// (YAML with short-form intrinsics, JSON), Terraform (HCL and `terraform show -json` plans),
/// `.ebextensions`, `.platform` hooks, saved configurations, EB CLI configuration and source
/// bundle zips. Every fact carries the file, line and column it came from.
///
/// The scan never stops on a bad file: each unreadable file or refused archive entry becomes an
/// `InputProblem` and the rest is read. Files are parsed concurrently (bounded by `concurrency`)
/// and merged in path order, so the result is deterministic.
public struct IaCScanner: Sendable {
    public let options: ScanOptions

    public init(options: ScanOptions = .init()) {
        self.options = options
    }

    /// Scans files and folders (recursively, hidden folders included; `.git`, `node_modules`,
    /// `.terraform` and `.build*` skipped). Paths in origins are as given (relative stays relative).
    public func scan(paths: [String]) -> Inventory {
        var walker = FileWalker(options: options)
        for path in paths { walker.add(path: path) }
        let items = walker.items
        let outputs = ConcurrentMap.map(items, concurrency: options.concurrency ?? ProcessInfo.processInfo.activeProcessorCount) { item in
            FileReader(options: options).read(item)
        }
        var merger = InventoryMerger()
        for problem in walker.problems { merger.inventory.inputProblems.append(problem) }
        for output in outputs { merger.absorb(output) }
        var inventory = merger.finish(apps: walker.apps)
        inventory.source = InventorySource(kind: "iac", location: paths.joined(separator: ", "), collectedAt: Date())
        return inventory
    }
}
