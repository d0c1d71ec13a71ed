import Foundation
import Inventory

/// Reads a folder of AWS CLI JSON outputs (`aws ... --output json`) into an inventory.
///
/// Each file is recognised by its content, whatever its name, and parsed concurrently. Unknown
/// or malformed files become `InputProblem`s naming the file; they never stop the import. Fact
/// families no file provided become `CollectionGap`s naming the command that would provide them,
/// so the controls that need them say `not-assessed` with that reason.
public struct AWSCLIImporter: Sendable {
    public init() {}

    /// Called with (files done, files total) while parsing.
    public typealias Progress = @Sendable (Int, Int) -> Void

    /// What an import made for its own use and no longer needs once it returns (the listing, the
    /// pieces read from each file before they were merged, the reading contexts' tables, the
    /// merger's indexes), handed over instead of being freed.
    ///
    /// Why: on a fleet of 10,000 environments freeing them one object at a time is a noticeable
    /// serial share of the import; a command that exits right after its report can leave them to
    /// the operating system. A library caller that goes on running passes nothing, and they are freed.
    public typealias Scratch = (Any) -> Void

    public func importFolder(_ path: String, progress: Progress? = nil, keepingScratch keep: Scratch? = nil) throws -> Inventory {
        let root = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CollectError.notAFolder(path)
        }
        let (files, skipped) = listFiles(root, displayRoot: path)
        let results = ResultSlots<Result<ExportPiece, InputProblem>>(count: files.count)
        let counter = ProgressCounter(total: files.count, report: progress)
        let contexts = ExportReadingContexts()
        // The files are read on every core, this thread included, while a thread of its own
        // merges their pieces in file order as they come: the merge waits for a slow file, never
        // reorders (the few large files are read first: `readingOrder`). (This thread must read,
        // not wait: a waiting thread still counts as busy for the queues' pool, which then reads
        // on one core until it notices, a second later.)
        let merging = OrderedMerge(ExportMerger(source: InventorySource(kind: "aws-cli-export", location: path, collectedAt: Date())),
                                   keepingPieces: keep != nil)
        for problem in skipped { merging.merger.inventory.inputProblems.append(problem) }
        let merged = DispatchSemaphore(value: 0)
        let mergingThread = Thread {
            merging.merge(files, from: results)
            merged.signal()
        }
        mergingThread.start()
        let order = Self.readingOrder(files)
        DispatchQueue.concurrentPerform(iterations: files.count) { turn in
            let index = order[turn]
            let file = files[index]
            results.set(index, contexts.withContext { Self.parse(file, context: $0) })
            counter.advance()
        }
        merged.wait()
        var merger = merging.takeMerger()
        let inventory = merger.finish()
        if let keep {
            // The inventory returned must be the only owner of its storage (no copy on its first change).
            merger.inventory = Inventory(source: inventory.source)
            keep((files, merging, contexts, merger))
        }
        return inventory
    }

    /// The merge of an import's pieces, fed in file order by a thread of its own.
    ///
    /// Used by that thread alone until it has merged the last file; `takeMerger` is then called
    /// once, after the thread signalled that it is done.
    final class OrderedMerge: @unchecked Sendable {
        var merger: ExportMerger
        /// The pieces merged, kept for the caller who takes the import's scratch.
        private(set) var pieces: [ExportPiece] = []
        private let keepingPieces: Bool

        init(_ merger: ExportMerger, keepingPieces: Bool) {
            self.merger = merger
            self.keepingPieces = keepingPieces
        }

        /// Merges every file's result as it is set, in file order.
        func merge(_ files: [ExportFile], from results: ResultSlots<Result<ExportPiece, InputProblem>>) {
            for index in files.indices {
                switch results.take(index, batch: 64) {
                case .success(let piece):
                    merger.add(piece, fileName: files[index].name, region: files[index].region)
                    if keepingPieces { pieces.append(piece) }
                case .failure(let problem): merger.inventory.inputProblems.append(problem)
                }
            }
        }

        /// The merger, left as the only owner of its storage (finishing it changes it in place).
        func takeMerger() -> ExportMerger {
            let taken = merger
            merger = ExportMerger(source: taken.inventory.source)
            return taken
        }
    }

    struct ExportFile {
        /// The path, as the listing found it.
        var path: String
        var display: String
        var name: String
        /// The innermost folder named like a region (`ebguard export-commands` writes one per
        /// region): joins per-environment outputs that do not name their region to their environment.
        var region: String?
        /// Bytes, as the listing saw them (0 when it could not tell): only decides when the file is read.
        var size: Int = 0

        /// Made when asked (only files the fast path does not read need it): a `URL` per file
        /// cost a listing of 30,000 files more than reading the directories.
        var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
    }

    /// Every `.json` file below the folder (sorted, so results are stable); other visible files are reported.
    ///
    /// What `FileManager`'s enumerator with `.skipsHiddenFiles` and `isRegularFile` gave, walked
    /// with `readdir` (the enumerator built several URLs and an `lstat` per file: a tenth of an
    /// import of 30,000 files): hidden entries are skipped, directories are descended (not through
    /// symbolic links, nor onto other file systems), regular files are listed in the order found.
    func listFiles(_ root: URL, displayRoot: String) -> ([ExportFile], [InputProblem]) {
        var files: [ExportFile] = []
        var skipped: [InputProblem] = []
        let rootPath = root.path
        var rootStatus = stat()
        guard stat(rootPath, &rootStatus) == 0 else { return ([], []) }
        func walk(_ directory: String, _ relative: String, _ region: String?) {
            guard let stream = opendir(directory) else { return }
            var entries: [(name: String, type: UInt8)] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                guard name != ".", name != "..", !name.hasPrefix(".") else { continue }
                entries.append((name, entry.pointee.d_type))
            }
            closedir(stream)
            for (name, type) in entries {
                let path = directory + "/" + name
                let inner = relative.isEmpty ? name : relative + "/" + name
                var kind = type
                var status = stat()
                if kind == UInt8(DT_UNKNOWN) || kind == UInt8(DT_DIR) {
                    guard lstat(path, &status) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: kind = UInt8(DT_DIR)
                    case S_IFREG: kind = UInt8(DT_REG)
                    default: kind = UInt8(DT_UNKNOWN)
                    }
                }
                if kind == UInt8(DT_DIR) {
                    if status.st_dev == rootStatus.st_dev { walk(path, inner, RegionName.isRegion(name) ? name : region) }
                    continue
                }
                guard kind == UInt8(DT_REG) else { continue }
                let display = (displayRoot as NSString).appendingPathComponent(inner)
                if Self.hasJSONExtension(name) {
                    files.append(ExportFile(path: path, display: display, name: name, region: region))
                } else {
                    skipped.append(InputProblem(file: display, message: "not a .json file; skipped"))
                }
            }
        }
        walk(rootPath, "", nil)
        files.sort { $0.display < $1.display }
        for (index, size) in Self.sizes(of: files).enumerated() { files[index].size = size }
        return (files, skipped)
    }

    /// Each file's size (0 when it cannot be told), looked up on every core: a listing of 30,000
    /// files would otherwise wait for 30,000 `lstat`s, one after the other.
    private static func sizes(of files: [ExportFile]) -> [Int] {
        let chunk = 1024
        let parts = ResultSlots<[Int]>(count: (files.count + chunk - 1) / chunk)
        DispatchQueue.concurrentPerform(iterations: (files.count + chunk - 1) / chunk) { part in
            parts.set(part, files[part * chunk ..< min(files.count, (part + 1) * chunk)].map { file in
                var status = stat()
                return lstat(file.path, &status) == 0 ? Int(status.st_size) : 0
            })
        }
        return parts.all().flatMap { $0 ?? [] }
    }

    /// The order in which the files are handed to the reading threads: files of at least
    /// `largeSize` bytes first, largest first, then the others in file order.
    ///
    /// Why: the outputs of a whole region (security groups, CloudTrail events) run to tens of
    /// megabytes. Read in their turn, the last of them was read by one thread while the others had
    /// nothing left to do; read first, they are done while the small files keep every core busy.
    /// The pieces are still merged in file order, so the inventory does not depend on this order.
    static func readingOrder(_ files: [ExportFile], largeSize: Int = 1 << 20) -> [Int] {
        let large = files.indices.filter { files[$0].size >= largeSize }
            .sorted { files[$0].size != files[$1].size ? files[$0].size > files[$1].size : $0 < $1 }
        return large + files.indices.filter { files[$0].size < largeSize }
    }

    /// Whether a visible file's name ends in `.json`, in any case, after at least one character:
    /// what `URL.pathExtension.lowercased() == "json"` answers for such a name, read off its bytes.
    static func hasJSONExtension(_ name: String) -> Bool {
        let extensionText: StaticString = ".json"
        let suffix = UnsafeBufferPointer(start: extensionText.utf8Start, count: extensionText.utf8CodeUnitCount)
        let bytes = name.utf8
        guard bytes.count > suffix.count, bytes.first != UInt8(ascii: ".") else { return false }
        return zip(bytes.suffix(suffix.count), suffix).allSatisfy { byte, wanted in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == wanted
        }
    }

    /// The piece one file contributes; `context` (used by this thread alone meanwhile) shares
    /// its texts and mapped values with the other files'.
    static func parse(_ file: ExportFile, context: ExportReadingContext? = nil) -> Result<ExportPiece, InputProblem> {
        var tape: JSONTape?
        if let (storage, mapped) = readWhole(file.path) {
            // A configuration file (one per environment) is read straight from its bytes when it can be.
            if let context, let descriptions = ConfigurationSettingsReader.descriptions(in: UnsafeRawBufferPointer(storage), origin: ExportRecognizer.configurationOrigin(file.display),
                                                                                        context: context) {
                JSONTape.release(storage, mapped: mapped)
                return .success(.configurationSettings(descriptions))
            }
            tape = JSONTape.parse(taking: storage, mapped: mapped, interner: context?.interner, nodeStore: context?.nodes)
        }
        let json: JSONObject
        if let tape {
            json = JSONObject(tape: tape, node: 0)
        } else {
            // What the fast path does not read (or could not open) is read as before, with the same messages.
            let data: Data
            do { data = try Data(contentsOf: file.url, options: .mappedIfSafe) } catch {
                return .failure(InputProblem(file: file.display, message: "cannot read: \(error.localizedDescription)"))
            }
            let object: Any
            do { object = try FoundationJSON.jsonObject(with: data) } catch {
                return .failure(InputProblem(file: file.display, message: "invalid JSON: \(JSONErrorText.describe(error, data: data))"))
            }
            guard let tree = object as? [String: Any] else {
                return .failure(InputProblem(file: file.display, message: "not a JSON object (AWS CLI outputs are objects)"))
            }
            json = JSONObject(tree)
        }
        do {
            return .success(try ExportRecognizer.piece(from: json, fileName: file.name, path: file.display, context: context))
        } catch {
            return .failure(InputProblem(file: file.display, message: "\(error)"))
        }
    }

    /// A regular, non-empty file's bytes, in storage the caller releases (`JSONTape.release`):
    /// mapped when large (outputs of a whole region run to tens of megabytes: mapping spares
    /// zeroing and copying them), else read with one `read`. `nil` on any error: the caller then
    /// reads the file the way that reports errors.
    static func readWhole(_ path: String) -> (UnsafeMutableRawBufferPointer, mapped: Bool)? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        if size >= 1 << 20 {
            guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
            return (UnsafeMutableRawBufferPointer(start: address, count: size), true)
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
        var done = 0
        while done < size {
            let count = read(descriptor, storage.baseAddress! + done, size - done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            done += count
        }
        guard done == size else {
            storage.deallocate()
            return nil
        }
        return (storage, false)
    }
}

public enum CollectError: Error, CustomStringConvertible {
    case notAFolder(String)
    case snapshot(String, String)

    public var description: String {
        switch self {
        case .notAFolder(let path): "\(path): not a folder of AWS CLI JSON outputs"
        case .snapshot(let path, let reason): "\(path): \(reason)"
        }
    }
}

/// Turns Foundation's JSON errors into a short message with a position when one is known.
enum JSONErrorText {
    static func describe(_ error: Error, data: Data) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
        if data.isEmpty { return "the file is empty" }
        return text
    }
}

private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: AWSCLIImporter.Progress?

    init(total: Int, report: AWSCLIImporter.Progress?) {
        self.total = total
        self.report = report
    }

    func advance() {
        guard let report else { return }
        lock.lock()
        done += 1
        let value = done
        lock.unlock()
        if value % 500 == 0 || value == total { report(value, total) }
    }
}
