// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// ebguard: audits, hardens and keeps watch over the security of AWS Elastic Beanstalk environments.
///
/// Module split (see DESIGN.md): sources (`Collect`, `LiveCollect`, `IaC`) normalize into one
/// `Inventory`; `Controls` evaluate it into findings; `Reporting` renders them.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// The memory allocator linked into the `ebguard` executable on Linux.
///
/// An audit makes millions of small allocations on two threads that free each other's memory;
/// glibc's allocator spends more CPU on that than jemalloc (3–15 % of a
/// 10,000-environment audit, `scripts/bench-audit`). So when jemalloc's static archive is installed
/// (Debian and Ubuntu: `apt-get install libjemalloc-dev`), it is linked in whole: the binary needs
/// nothing more at run time, and every allocation, the Swift runtime's included, goes through it.
/// Without the archive, or with `EBGUARD_ALLOCATOR=system` in the build's environment, the system
/// allocator is used; `scripts/bench-audit` prints which one a binary has.
let allocatorLinkerSettings: [LinkerSetting] = {
    guard Context.environment["EBGUARD_ALLOCATOR"] != "system" else { return [] }
    let archives = ["x86_64-linux-gnu", "aarch64-linux-gnu"].map { "/usr/lib/\($0)/libjemalloc_pic.a" }
        + ["/usr/lib64/libjemalloc_pic.a", "/usr/lib/libjemalloc_pic.a"]
    guard let archive = archives.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return [] }
    let flags = ["--whole-archive", archive, "--no-whole-archive"].flatMap { ["-Xlinker", $0] }
    return [.unsafeFlags(flags, .when(platforms: [.linux]))]
}()
/// jemalloc's start-up settings (`Sources/JemallocSettings`), linked only beside jemalloc itself.
let allocatorDependencies: [Target.Dependency] = allocatorLinkerSettings.isEmpty ? [] : ["JemallocSettings"]

let package = Package(
    name: "ebguard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ebguard", targets: ["ebguard"]),
        .library(name: "EBGuardKit", targets: ["Inventory", "Controls", "Collect", "Reporting", "IAMPolicy", "Secrets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // The normalized model every control reads. No dependencies.
        .target(name: "Inventory", swiftSettings: strict),
        // Secret detection shared by controls (environment properties) and file scanning.
        .target(name: "Secrets", dependencies: ["Inventory"], swiftSettings: strict),
        // IAM policy documents: parse, evaluate, analyse. No AWS calls.
        .target(name: "IAMPolicy", resources: [.copy("Resources")], swiftSettings: strict),
        // The control catalog.
        .target(name: "Controls", dependencies: ["Inventory", "IAMPolicy", "Secrets"], swiftSettings: strict),
        // Offline sources: AWS CLI export folders and snapshot files.
        .target(name: "Collect", dependencies: ["Inventory", "Secrets", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // Renderers for findings.
        .target(name: "Reporting", dependencies: ["Inventory", "Controls"], swiftSettings: strict),
        // AWS Signature Version 4, no networking.
        .target(name: "SigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // AWS wire layer: credentials, endpoints, protocols, retries, pagination.
        .target(name: "AWSWire", dependencies: [
            "SigV4",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: strict),
        // Live AWS APIs → Inventory, read-only, through the wire layer.
        .target(name: "LiveCollect", dependencies: ["AWSWire", "Inventory", "Collect", "Secrets"], swiftSettings: strict),
        // Infrastructure as code and application bundles → Inventory.
        .target(name: "IaC", dependencies: [
            "Inventory", "Secrets",
            .product(name: "Yams", package: "Yams"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: strict),
        // Plan → validate → apply → verify → rollback of option-setting fixes.
        .target(name: "Remediation", dependencies: ["Inventory", "Controls", "Secrets", "AWSWire", "LiveCollect"], swiftSettings: strict),
        // Runs, findings, drift, exceptions, change records and review cadence in SQLite.
        .target(name: "History", dependencies: [
            "Inventory", "Controls",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),  // the C API, for bulk inserts
        ], swiftSettings: strict),
        // jemalloc's settings, for builds that link it (see `allocatorLinkerSettings`).
        .target(name: "JemallocSettings"),
        .executableTarget(name: "ebguard", dependencies: [
            "Inventory", "Controls", "Collect", "Reporting", "IAMPolicy", "Secrets", "IaC", "LiveCollect", "Remediation", "History",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ] + allocatorDependencies, swiftSettings: strict, linkerSettings: allocatorLinkerSettings),

        .testTarget(name: "InventoryTests", dependencies: ["Inventory"], swiftSettings: strict),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets", "Inventory"], swiftSettings: strict),
        .testTarget(name: "IAMPolicyTests", dependencies: ["IAMPolicy"], swiftSettings: strict),
        .testTarget(name: "ControlsTests", dependencies: ["Controls", "Inventory", "IAMPolicy"], swiftSettings: strict),
        .testTarget(name: "CollectTests", dependencies: ["Collect", "Inventory", "Controls"], swiftSettings: strict),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Controls", "Inventory"], swiftSettings: strict),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"], swiftSettings: strict),
        .testTarget(name: "AWSWireTests", dependencies: [
            "AWSWire", "SigV4",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: strict),
        // The simulated cloud (`scripts/simulated-cloud`) as a child process, for integration tests.
        .target(name: "SimulatedCloudSupport", path: "Tests/SimulatedCloudSupport", swiftSettings: strict),
        .testTarget(name: "LiveCollectTests", dependencies: ["LiveCollect", "AWSWire", "Controls", "Collect", "Reporting", "Inventory", "SimulatedCloudSupport"], swiftSettings: strict),
        .testTarget(name: "IaCTests", dependencies: ["IaC", "Inventory", "Controls"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Controls", "Inventory", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .testTarget(name: "RemediationTests", dependencies: ["Remediation", "Controls", "Inventory", "AWSWire", "LiveCollect", "IaC", "SimulatedCloudSupport"], swiftSettings: strict),
        .testTarget(name: "ebguardTests", dependencies: ["ebguard", "AWSWire", "Remediation", "SimulatedCloudSupport"], swiftSettings: strict),
    ]
)
