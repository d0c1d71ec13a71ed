import AWSWire
import ArgumentParser
import Controls
import Foundation
import History
import LiveCollect
import Remediation

/// Options shared by `apply` and `rollback`.
struct ChangeOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not ask for confirmation (for scripts that reviewed the plan).")
    var yes = false

    @Option(name: .long, help: ArgumentHelp("Shared-config profile for credentials.", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("wait-timeout"), help: ArgumentHelp("Give up waiting for the environment to be Ready after this many seconds.", valueName: "seconds"))
    var waitTimeout: Double = 1800

    @Option(name: .customLong("poll-interval"), help: ArgumentHelp("Seconds between status polls.", valueName: "seconds"))
    var pollInterval: Double = 10

    @Option(name: .customLong("health-grace"), help: ArgumentHelp("After Ready, seconds to wait for health to return to Green/Ok before calling it degraded.", valueName: "seconds"))
    var healthGrace: Double = 120

    @Option(name: .long, help: "Organisation settings (ebguard.yml) for the verifying audit.")
    var config: String?

    @OptionGroup var storeOptions: StoreOptions

    func validateTimes() throws {
        guard waitTimeout > 0, pollInterval > 0, healthGrace >= 0 else { throw ValidationError("--wait-timeout and --poll-interval must be positive, --health-grace not negative") }
    }
}

/// Builds what a change needs: a write-enabled client for one region, the store as journal, the
/// verifying audit, progress on standard error.
struct RemediationSession {
    let runner: ChangeRunner
    let store: HistoryStore

    init(options: ChangeOptions, region: String) throws {
        store = try options.storeOptions.open()
        let environment = ProcessInfo.processInfo.environment
        let client: AWSClient
        do {
            // Only apply and rollback make a client that may write, and only after confirmation.
            client = try AWSClient.make(profile: options.profile, region: region.isEmpty ? nil : region, environment: environment) { $0.readOnly = false }
        } catch let error as AWSError {
            throw InputError("\(error)")
        }
        let settings = try ConfigFile.settings(path: options.config)
        let live = LiveCollectOptions(regions: region.isEmpty ? [] : [region], profile: options.profile, lookbackDays: settings.lookbackDays, environment: environment)
        runner = ChangeRunner(api: AWSEnvironmentAPI(client: client), journal: HistoryJournal(store: store),
                              verifier: LiveControlVerifier(options: live, settings: settings),
                              wait: WaitPolicy(pollInterval: options.pollInterval, timeout: options.waitTimeout, healthGrace: options.healthGrace),
                              user: Operator.name, progress: { Console.error($0) })
    }

    /// Asks on the terminal (or reads one line from standard input) for the exact word.
    static func confirm(_ question: String, word: String) -> Bool {
        Console.error("\(question) Type '\(word)' to continue: ", newline: false)
        guard let answer = readLine() else { return false }
        return answer.trimmingCharacters(in: .whitespaces).lowercased() == word
    }
}
