import ArgumentParser
import Foundation
import Controls
import History

/// `ebguard except`: the exceptions register.
struct ExceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "except",
        abstract: "Manage the exceptions register: accepted risks with an owner, a reason and an expiry.",
        discussion: """
        A failing finding covered by an unexpired exception is reported as
        `suppressed` (it stays in every report, with the exception's owner, expiry and
        reason). When the exception expires the finding fails again and says which
        exception expired.

        Exceptions live in the history store (`except add`) or, for review in git, in
        ebguard.yml:
          exceptions:
            - control: EB-NET-004
              resource: shop-prod   # resource id, name or environment; "*" for all
              owner: platform-team
              reason: bastion-only SSH, ticket SEC-142
              expires: 2026-12-31

        Examples:
          ebguard except add EB-NET-004 --resource shop-prod --owner platform-team \\
            --reason "bastion only" --expires 2026-12-31
          ebguard except list
          ebguard except remove exc-1a2b3c4d
        """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an exception for one control on one resource.")

        @Argument(help: "The control id (EB-NET-004).")
        var control: String

        @Option(name: .long, help: "The resource: id, name or environment name, or * for every resource.")
        var resource: String

        @Option(name: .long, help: "Who owns the accepted risk.")
        var owner: String

        @Option(name: .long, help: "Why the risk is accepted (a ticket, the compensating control).")
        var reason: String

        @Option(name: .long, help: "Last day the exception holds (YYYY-MM-DD, UTC).")
        var expires: String

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            let id = control.uppercased()
            guard Catalog.standard.control(id: id) != nil else { throw ValidationError("unknown control id '\(control)' (see `ebguard controls`)") }
            for (name, value) in [("--resource", resource), ("--owner", owner), ("--reason", reason)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(name) must not be empty")
            }
            do { _ = try Exceptions.parseDay(expires) } catch { throw ValidationError("--expires: \(error)") }
        }

        func run() throws {
            do {
                let day = try Exceptions.parseDay(expires)
                if day < Date() { Console.error("note: \(expires) is already past; the exception is recorded but does not suppress anything") }
                let record = try storeOptions.open().addException(control: control.uppercased(), resource: resource, owner: owner, reason: reason, expires: day)
                print("\(record.id)  \(record.control)  \(record.resource)  until \(record.expiryDay)  owner \(record.owner): \(record.reason)")
            } catch {
                Console.error("ebguard: \(error)")
                throw ExitCode(2)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List exceptions (store and ebguard.yml) with their state.")

        @Option(name: .long, help: "Organisation settings (ebguard.yml) whose exceptions to list too.")
        var config: String?

        @Option(name: .long, help: "Output format: text or json.")
        var format: HistoryCommand.Format = .text

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            do {
                let all = try storeOptions.open().exceptions() + ConfigFile.exceptions(path: config)
                if format == .json { try JSONOutput.write(all); return }
                if all.isEmpty { print("no exception"); return }
                let now = Date()
                for record in all {
                    let state = record.isActive(at: now) ? "active" : "EXPIRED"
                    print("\(record.id)  \(record.control)  \(record.resource)  until \(record.expiryDay) (\(state))  owner \(record.owner)  [\(record.origin)]: \(record.reason)")
                }
            } catch {
                Console.error("ebguard: \(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an exception from the store (exceptions in ebguard.yml are removed in git).")

        @Argument(help: "The exception id (exc-…).")
        var id: String

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            do {
                try storeOptions.open().removeException(id: id)
                print("removed \(id)")
            } catch {
                Console.error("ebguard: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
