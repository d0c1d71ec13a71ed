import ArgumentParser
import Foundation
import History

/// `--store PATH`: the history store every command that remembers runs, changes or exceptions uses.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("History store (SQLite). Default: $EBGUARD_STORE, else ~/.local/share/ebguard/history.sqlite.", valueName: "path"))
    var store: String?

    /// The path in use.
    var path: String { store ?? HistoryStore.defaultPath() }

    /// Opens the store; a damaged or newer store is an input error (exit 2) and is left untouched.
    func open() throws -> HistoryStore {
        do { return try HistoryStore.open(path: path) } catch let error as HistoryError {
            throw InputError("\(error)")
        }
    }
}

/// Who runs a command, for run and change records.
enum Operator {
    static var name: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["EBGUARD_USER"] ?? environment["USER"] ?? environment["USERNAME"] ?? NSUserName()
    }
}
