/// Limits and switches for `IaCScanner`.
///
/// The defaults are sized for real repositories and bundles; the zip limits exist because a source
/// bundle is untrusted input (a zip bomb must not exhaust memory or time).
public struct ScanOptions: Sendable, Hashable {
    /// Largest uncompressed size accepted for one zip entry (default 32 MiB).
    public var maxEntrySize: UInt64
    /// Largest uncompressed-to-compressed ratio accepted for one zip entry (default 100:1).
    public var maxCompressionRatio: UInt64
    /// Largest total uncompressed size read from one archive (default 256 MiB).
    public var maxArchiveTotal: UInt64
    /// Most entries read from one archive (default 10,000).
    public var maxArchiveEntries: Int
    /// Largest file read from disk as text (default 32 MiB); zips up to `maxArchiveFileSize`.
    public var maxFileSize: UInt64
    /// Largest zip file opened (default 512 MiB): archives are read into memory, never extracted.
    public var maxArchiveFileSize: UInt64
    /// How many files are parsed at once; `nil` = the number of active processors.
    public var concurrency: Int?
    /// Scan every text file inside application folders and bundles for secrets (EB-RUN-005).
    public var scanBundleFiles: Bool

    public init(maxEntrySize: UInt64 = 32 << 20, maxCompressionRatio: UInt64 = 100, maxArchiveTotal: UInt64 = 256 << 20,
                maxArchiveEntries: Int = 10_000, maxFileSize: UInt64 = 32 << 20, maxArchiveFileSize: UInt64 = 512 << 20,
                concurrency: Int? = nil, scanBundleFiles: Bool = true) {
        self.maxEntrySize = maxEntrySize
        self.maxCompressionRatio = maxCompressionRatio
        self.maxArchiveTotal = maxArchiveTotal
        self.maxArchiveEntries = maxArchiveEntries
        self.maxFileSize = maxFileSize
        self.maxArchiveFileSize = maxArchiveFileSize
        self.concurrency = concurrency
        self.scanBundleFiles = scanBundleFiles
    }
}
