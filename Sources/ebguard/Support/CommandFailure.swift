import AWSWire
import ArgumentParser
import Collect
import History
import LiveCollect
import Remediation

/// One mapping from failures to messages and the documented exit codes, for every command:
/// 2 usage or input (nothing was read or changed), 3 AWS could not be read or changed.
enum CommandFailure {
    /// Prints a known failure on standard error and returns its exit code; other errors come
    /// back unchanged for ArgumentParser to report.
    static func report(_ error: any Error, liveHint: String? = nil) -> any Error {
        if error is ExitCode { return error }
        guard let code = exitCode(for: error) else { return error }
        var message = "ebguard: \(error)"
        if let liveHint, error is LiveCollectError { message += "\n  (\(liveHint))" }
        Console.error(message)
        return ExitCode(code)
    }

    static func exitCode(for error: any Error) -> Int32? {
        switch error {
        case is InputError, is CollectError, is PlanError, is HistoryError: return 2
        case let error as LiveCollectError:
            if case .configuration = error { return 2 }
            return 3
        case let error as RemediationError:
            switch error {
            case .stalePlan, .validationFailed, .unsupportedPlan, .environmentNotFound, .notReady: return 2
            case .timedOut, .updateRejected: return 3
            }
        case let error as AWSError:
            if case .configuration = error { return 2 }
            return 3
        default: return nil
        }
    }
}
