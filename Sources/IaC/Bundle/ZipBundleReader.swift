import Foundation
import Inventory
import ZIPFoundation

/// Reads a source bundle zip like an application folder: entries are inflated into memory, nothing
/// is extracted to disk. The archive is opened from its file (ZIPFoundation's in-memory archive
/// traps on corrupted offsets, its file-backed one reports an error).
///
/// A bundle is untrusted input. Entries whose path escapes the root (`../`, absolute paths) are
/// refused; so are entries larger than `maxEntrySize` or compressed more than
/// `maxCompressionRatio`:1 (zip bombs). Both limits are checked from the headers *and* enforced
/// while inflating (a header can lie): reading stops at the limit. A total budget per archive
/// (`maxArchiveTotal`, `maxArchiveEntries`) bounds the rest. Each refusal is an `InputProblem`.
struct ZipBundleReader {
    let options: ScanOptions

    private struct LimitExceeded: Error {}

    func read(fileAt fsPath: String, display: String, app: AppRoot) -> [FileOutput] {
        var outputs: [FileOutput] = []
        var problems = FileOutput()
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: fsPath), accessMode: .read)
        } catch {
            problems.problem(display, "not a readable zip archive (\(error))")
            return [problems]
        }
        var budget = options.maxArchiveTotal
        var count = 0
        var paths: [(String, Entry)] = []
        for entry in archive {
            count += 1
            if count > options.maxArchiveEntries {
                problems.problem(display, "archive has more than \(options.maxArchiveEntries) entries; the rest were not read")
                break
            }
            guard entry.type == .file else { continue }
            let entryDisplay = display + "!/" + entry.path
            guard let relative = Self.safeRelativePath(entry.path) else {
                problems.problem(entryDisplay, "entry path escapes the bundle root (absolute or '..'); refused")
                continue
            }
            paths.append((relative, entry))
        }
        for (relative, entry) in paths.sorted(by: { $0.0 < $1.0 }) {
            let entryDisplay = display + "!/" + relative
            let components = relative.split(separator: "/")
            if components.contains(where: { FileWalker.skippedFolders.contains(String($0)) || $0.hasPrefix(".build") }) { continue }
            let kind = SourceKind.classify(relativePath: relative, inApp: true) { nil }
            if kind == .ignored || kind == .zip { continue }
            if entry.uncompressedSize > options.maxEntrySize {
                problems.problem(entryDisplay, "entry is \(entry.uncompressedSize) bytes uncompressed, over the \(options.maxEntrySize)-byte limit; refused")
                continue
            }
            if entry.uncompressedSize > 1024, entry.uncompressedSize / max(entry.compressedSize, 1) > options.maxCompressionRatio {
                problems.problem(entryDisplay, "entry is compressed \(entry.uncompressedSize / max(entry.compressedSize, 1)):1, over the \(options.maxCompressionRatio):1 limit (zip bomb?); refused")
                continue
            }
            let limit = min(options.maxEntrySize, budget, max(entry.compressedSize, 1) * options.maxCompressionRatio + 1024)
            var content = Data()
            var exceeded = false
            do {
                _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                    if UInt64(content.count + chunk.count) > limit {
                        exceeded = true
                        throw LimitExceeded()
                    }
                    content.append(chunk)
                }
            } catch {
                if exceeded {
                    problems.problem(entryDisplay, "entry inflates past \(limit) bytes (its header understated it, or the archive budget is spent); reading stopped, refused")
                } else {
                    problems.problem(entryDisplay, "cannot read entry (\(error))")
                }
                if exceeded && limit == budget {
                    budget = 0
                }
                continue
            }
            budget -= UInt64(content.count)
            var output = FileReader(options: options).readText(data: content, display: entryDisplay, relativePath: relative, app: app, explicit: false)
            if output.app == nil { output.app = AppContribution(root: app.display, folderName: app.folderName) }
            outputs.append(output)
            if budget == 0 {
                problems.problem(display, "archive budget of \(options.maxArchiveTotal) bytes spent; the rest was not read")
                break
            }
        }
        problems.app = AppContribution(root: app.display, folderName: app.folderName)
        outputs.append(problems)
        return outputs
    }

    /// The entry path relative to the bundle root, or `nil` when it is absolute or climbs out with `..`.
    static func safeRelativePath(_ path: String) -> String? {
        let normalized = path.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") || normalized.hasPrefix("~") { return nil }
        if normalized.count >= 2, normalized.dropFirst().first == ":" { return nil }
        var parts: [Substring] = []
        for part in normalized.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
