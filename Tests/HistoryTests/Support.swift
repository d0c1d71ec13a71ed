import Controls
import Foundation
@testable import History

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit {
        // Undo any chmod a test made so the folder can be removed.
        if let paths = FileManager.default.enumerator(atPath: url.path) {
            for case let relative as String in paths {
                try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.appendingPathComponent(relative).path)
            }
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }
}

func makeFinding(_ control: String, _ verdict: Verdict, severity: Severity = .high, type: String = "AWS::ElasticBeanstalk::Environment",
                 id: String = "e-web", name: String? = "web-prod", environment: String? = "web-prod", evidence: [String] = [],
                 reason: String? = nil) -> Finding {
    Finding(control: control, verdict: verdict, severity: severity, layer: .network, title: "title of \(control)",
            resource: ResourceRef(type: type, id: id, name: name, environment: environment), evidence: evidence, reason: reason,
            remediation: .manual("fix it"), source: "test")
}

func stored(_ control: String, _ verdict: Verdict, severity: Severity = .high, type: String = "AWS::ElasticBeanstalk::Environment",
            id: String = "e-web", environment: String? = "web-prod") -> StoredFinding {
    StoredFinding(makeFinding(control, verdict, severity: severity, type: type, id: id, name: environment, environment: environment))
}

func newRun(scope: String = "live us-east-1", startedAt: Date = Date(), user: String = "alice") -> NewRun {
    NewRun(startedAt: startedAt, user: user, source: "live us-east-1", scope: scope, snapshotHash: "sha256:abc", toolVersion: "0.9.0")
}

func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// `days` whole days before `date`.
func daysBefore(_ days: Double, _ date: Date) -> Date {
    date.addingTimeInterval(-days * 86_400)
}
