import Foundation
import Testing
import Controls
import Inventory
@testable import IaC

/// Times `IaCScanner.scan` (and the catalog over its result) on a generated corpus.
/// Opt-in: `EBGUARD_IAC_CORPUS=/tmp/corpus swift test -c release -Xswiftc -enable-testing --filter IaCTests.BenchmarkTests`
/// after `scripts/iac/gen-cfn-corpus 2000 /tmp/corpus`.
@Suite struct BenchmarkTests {
    static let corpus = ProcessInfo.processInfo.environment["EBGUARD_IAC_CORPUS"]

    @Test(.enabled(if: BenchmarkTests.corpus != nil)) func scanCorpus() throws {
        let folder = try #require(Self.corpus)
        let clock = ContinuousClock()
        if ProcessInfo.processInfo.environment["EBGUARD_IAC_PHASES"] != nil { Self.phases(folder) }
        var inventory = Inventory()
        let scanTime = clock.measure { inventory = IaCScanner().scan(paths: [folder]) }
        let scanPeak = Self.peakResidentMiB()
        var findings: [Finding] = []
        let evaluate = ProcessInfo.processInfo.environment["EBGUARD_IAC_SCAN_ONLY"] == nil
        let evaluateTime = clock.measure { if evaluate { findings = Catalog.standard.evaluate(inventory) } }
        let peak = Self.peakResidentMiB()
        print("""
        IaC benchmark: \(inventory.environments.count) environments, \(inventory.inputProblems.count) problems, \
        scan \(scanTime) (peak RSS \(scanPeak) MiB), evaluate \(evaluateTime) (\(findings.count) findings), peak RSS \(peak) MiB
        """)
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems.prefix(3))")
        #expect(inventory.environments.count >= 2000)
    }

    /// Times the phases of reading one corpus, single-threaded, to see where the time goes.
    static func phases(_ folder: String) {
        let clock = ContinuousClock()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().filter { $0.hasSuffix(".yaml") }
        var texts: [String] = []
        let read = clock.measure { texts = names.map { (try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) ?? "" } }
        var nodes: [Node] = []
        let yaml = clock.measure { nodes = texts.compactMap { try? YAMLReader.parse($0) } }
        var secrets: [LocatedSecret] = []
        let walk = clock.measure { for node in nodes { SecretWalk.scan(node, file: "f", into: &secrets) } }
        let map = clock.measure {
            for node in nodes {
                var output = FileOutput()
                var found: [LocatedSecret] = []
                CFNTemplate(root: node, path: "f").map(into: &output, secrets: &found)
            }
        }
        let sniff = clock.measure { for text in texts { _ = SourceKind.classify(relativePath: "a.yaml", inApp: false) { text } } }
        print("phases over \(texts.count) YAML files: read \(read), compose+convert \(yaml), secret walk \(walk), map \(map), sniff \(sniff)")
    }

    /// Peak resident set size (`VmHWM` on Linux, `ru_maxrss` elsewhere), in MiB.
    static func peakResidentMiB() -> Int {
        #if os(Linux)
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
        }
        return 0
        #else
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss) / (1024 * 1024)
        #endif
    }
}
