import ArgumentParser
import Foundation
import Inventory
import LiveCollect
import Reporting

/// Options of live collection, shared by `audit` and `collect`.
struct LiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Region to read (repeatable); `all` = every region the account has enabled. Default: the configured region.", valueName: "region"))
    var region: [String] = []

    @Option(name: .long, help: ArgumentHelp("Shared-config profile for credentials and region.", valueName: "name"))
    var profile: String?
}

/// Live AWS APIs → inventory, with a progress line on a terminal.
enum LiveSource {
    static func collect(_ options: LiveOptions, environments: [String], lookbackDays: Int) async throws -> Inventory {
        let showProgress = Console.stderrIsTerminal
        var report: (@Sendable (String) -> Void)?
        if showProgress { report = { @Sendable line in Console.progress(line) } }
        let settings = LiveCollectOptions(regions: options.region, profile: options.profile, environmentNames: environments,
                                          lookbackDays: lookbackDays, progress: report)
        let collector = LiveCollector(options: settings)
        let collection = try await collector.collect()
        if showProgress { Console.endProgress() }
        var inventory = collection.inventory
        inventory.source.toolVersion = EBGuardVersion.current
        return inventory
    }
}
