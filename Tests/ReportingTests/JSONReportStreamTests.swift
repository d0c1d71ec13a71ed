import Foundation
import Inventory
import Testing
@testable import Controls
@testable import Reporting

/// A report streamed in fragments (what `audit --format json` writes) is byte for byte the report
/// rendered whole.
@Suite struct JSONReportStreamTests {
    static func report() -> Report {
        var fixture = ExampleInventory.hardened()
        fixture.setOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "false", origin: .file("a \"quoted\"\\path.config", line: 3, column: 1))
        fixture.inventory.gaps = [CollectionGap(fact: .trails, operation: "cloudtrail describe-trails", reason: .notProvided)]
        fixture.inventory.inputProblems = [InputProblem(file: "bad\n.json", line: 2, message: "tab\there \u{1}")]
        return Report(findings: Catalog.standard.evaluate(fixture.inventory, settings: AuditSettings(now: ExampleInventory.now)), inventory: fixture.inventory)
    }

    static func streamed(_ report: Report, pretty: Bool, cuts: [Int]) -> [UInt8] {
        let stream = JSONReportStream(pretty: pretty)
        var bytes = stream.head()
        var tally = FindingTally()
        var wrote = false
        var start = 0
        for cut in cuts + [report.findings.count] {
            let fragment = stream.fragment(Array(report.findings[start..<cut]))
            start = cut
            tally.add(fragment.tally)
            guard !fragment.bytes.isEmpty else { continue }
            if wrote { bytes += stream.separator }
            bytes += fragment.bytes
            wrote = true
        }
        var shell = report
        shell.findings = []
        shell.summary = Summary(tally: tally, environments: report.summary.environments)
        bytes += stream.tail(shell, findingsWritten: wrote)
        return bytes
    }

    @Test func fragmentsConcatenateToTheWholeReport() throws {
        let report = Self.report()
        try #require(report.findings.count > 10)
        for pretty in [true, false] {
            let whole = [UInt8](try JSONReport.render(report, pretty: pretty))
            for cuts in [[], [0], [1, 1, 5], [3, 7, report.findings.count], [report.findings.count]] {
                #expect(Self.streamed(report, pretty: pretty, cuts: cuts) == whole, "pretty \(pretty), cuts \(cuts)")
            }
        }
    }

    @Test func emptyReportStreamsLikeTheWholeOne() throws {
        var report = Self.report()
        report.findings = []
        report.summary = Summary(findings: [], environments: 0)
        for pretty in [true, false] {
            #expect(Self.streamed(report, pretty: pretty, cuts: [0, 0]) == [UInt8](try JSONReport.render(report, pretty: pretty)))
        }
    }

    /// Findings of every control example, and findings with every optional part present or absent.
    static func variedFindings() -> [Finding] {
        var findings: [Finding] = []
        for control in Catalog.standard.controls {
            for example in control.examples {
                var fixture = ExampleInventory.hardened()
                example.change(&fixture)
                findings += Catalog.standard.evaluate(fixture.inventory, settings: example.settings ?? AuditSettings(now: ExampleInventory.now), only: [control.id])
            }
        }
        let fix = Remediation(summary: "s \"q\"", optionSettings: [OptionChange("ns", "A", "1"), OptionChange("ns", "B", "x\ty", resourceName: "r")],
                              cli: nil, ebextensions: nil, commands: [])
        for location in [nil, Location(file: "f"), Location(file: "f\n", line: 2), Location(file: "f", line: 2, column: 3), Location(file: "f", column: 3)] {
            for remediation in [nil, fix, Remediation(summary: "", optionSettings: [], cli: "c", ebextensions: "e", commands: ["a", "b"])] {
                for resource in [ResourceRef(type: "T", id: "i"), ResourceRef(type: "T", id: "i", name: "n", environment: "e")] {
                    findings.append(Finding(control: "C", verdict: .suppressed, severity: .info, layer: .data, title: "t\u{1}", resource: resource,
                                            evidence: [], reason: location == nil ? nil : "why", remediation: remediation, location: location,
                                            source: remediation == nil ? nil : "src", suppression: resource.name))
                }
            }
        }
        return findings
    }

    @Test func compactFindingsAreWhatJSONWriterWrites() throws {
        let findings = Self.variedFindings()
        try #require(findings.count > 200)
        for finding in findings {
            var reference = JSONWriter(pretty: false, containers: [true, false])
            JSONReport.write(finding, to: &reference)
            let compact = CompactFindingWriter(capacity: 0)
            compact.write(finding)
            #expect(compact.bytes == reference.bytes, "\(finding.control)")
        }
        var whole = JSONWriter(pretty: false, containers: [true, false])
        for finding in findings { JSONReport.write(finding, to: &whole) }
        #expect(JSONReportStream(pretty: false).fragment(findings).bytes == whole.bytes)
    }

    /// The verdict, severity and layer, written from static bytes, are those of their raw values,
    /// with and without a location, a source and a suppression around them.
    @Test func everyVerdictSeverityAndLayerIsWrittenAsJSONWriterWritesIt() {
        var written = 0
        for verdict in Verdict.allCases {
            for severity in Severity.allCases {
                for layer in Layer.allCases {
                    for extras in [false, true] {
                        let finding = Finding(control: "EB-X-001", verdict: verdict, severity: severity, layer: layer, title: "t",
                                              resource: ResourceRef(type: "T", id: "i"), evidence: ["e"],
                                              location: extras ? Location(file: "f") : nil, source: extras ? "s" : nil,
                                              suppression: extras ? "why" : nil)
                        var reference = JSONWriter(pretty: false, containers: [true, false])
                        JSONReport.write(finding, to: &reference)
                        let compact = CompactFindingWriter(capacity: 0)
                        compact.write(finding)
                        #expect(compact.bytes == reference.bytes, "\(verdict) \(severity) \(layer) \(extras)")
                        written += 1
                    }
                }
            }
        }
        #expect(written == Verdict.allCases.count * Severity.allCases.count * Layer.allCases.count * 2)
    }

    /// Texts with several escapes far apart, in long runs of plain bytes (a configuration snippet).
    @Test func escapesFarApartAreAllWritten() {
        let texts = ["option_settings:\n  aws:elasticbeanstalk:environment:\n    \"LoadBalancerType\": application\n",
                     String(repeating: "abcdefghij\"", count: 40) + "\u{1}" + String(repeating: "z", count: 13),
                     "\n" + String(repeating: "x", count: 64) + "\t" + String(repeating: "y", count: 7) + "\\"]
        for text in texts {
            var reference: [UInt8] = []
            JSONWriter.appendString(text, to: &reference)
            let compact = ReportBytes(capacity: 0)
            compact.append(UInt8(ascii: "\""))
            compact.appendContents(text)
            compact.append(UInt8(ascii: "\""))
            #expect(compact.array == reference, "\(text.debugDescription)")
        }
    }

    /// Strings are escaped exactly where needed, whatever their length and the position of the byte.
    @Test func stringsAreEscapedByteForByte() {
        func reference(_ text: String) -> [UInt8] {
            var out: [UInt8] = [34]
            for byte in text.utf8 {
                switch byte {
                case 34: out += [92, 34]
                case 92: out += [92, 92]
                case 10: out += [92, 110]
                case 13: out += [92, 114]
                case 9: out += [92, 116]
                case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
                default: out.append(byte)
                }
            }
            return out + [34]
        }
        let specials = ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "✓", "😀", " ", "~", "\u{7F}", "a"]
        // Every position up to a few words long: the last bytes of a text go as the word ending it.
        for length in Array(0...26) + [33, 40] {
            for special in specials {
                for position in 0..<max(1, length) {
                    var characters = Array(repeating: "x", count: length)
                    if length > 0 { characters[position] = special }
                    let text = characters.joined()
                    var bytes: [UInt8] = []
                    JSONWriter.appendString(text, to: &bytes)
                    #expect(bytes == reference(text), "\(text.debugDescription)")
                    let compact = ReportBytes(capacity: 0)
                    compact.append(UInt8(ascii: "\""))
                    compact.appendContents(text)
                    compact.append(UInt8(ascii: "\""))
                    #expect(compact.array == reference(text), "\(text.debugDescription)")
                }
            }
        }
    }

    /// The compact writer's buffer grows as it fills, escapes included, and keeps what it held.
    @Test func reportBytesGrowAndKeepTheirContents() {
        let bytes = ReportBytes(capacity: 0)
        var expected: [UInt8] = []
        for round in 0..<300 {
            let text = String(repeating: round % 3 == 0 ? "\n\"" : "ab\u{1}", count: round)
            bytes.appendContents(text)
            bytes.append(",")
            var quoted: [UInt8] = []
            JSONWriter.appendString(text, to: &quoted)
            expected += quoted.dropFirst().dropLast() + [UInt8(ascii: ",")]
        }
        #expect(bytes.count == expected.count)
        #expect(bytes.array == expected)
    }

    @Test func tallyIndexesFollowAllCases() {
        #expect(Verdict.allCases.map(FindingTally.index) == Array(Verdict.allCases.indices))
        #expect(Severity.allCases.map(FindingTally.index) == Array(Severity.allCases.indices))
        #expect(Layer.allCases.map(FindingTally.index) == Array(Layer.allCases.indices))
    }

    @Test func tallyGivesTheSummaryAndTheExitStatus() {
        let report = Self.report()
        var tally = FindingTally()
        for finding in report.findings { tally.add(finding) }
        #expect(Summary(tally: tally, environments: report.summary.environments) == report.summary)
        for level in Severity.allCases {
            #expect(ExitStatus.of(gaps: report.gaps, failing: tally.hasFailure(atOrAbove: level)) == ExitStatus.of(report, failOn: level))
        }
    }
}
