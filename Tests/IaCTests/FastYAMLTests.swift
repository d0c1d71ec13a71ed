import Foundation
import Testing
@testable import IaC

/// The fast YAML reader must agree with Yams whenever it accepts an input.
@Suite struct FastYAMLTests {
    /// Structural equality with positions of keys and non-null scalars.
    static func difference(_ a: Node, _ b: Node, path: String = "$") -> String? {
        switch (a.kind, b.kind) {
        case (.null, .null): return nil
        case (.scalar(let x), .scalar(let y)):
            if x != y { return "\(path): \(x.debugDescription) vs \(y.debugDescription)" }
            if a.line != b.line || a.column != b.column { return "\(path): position \(a.line):\(a.column) vs \(b.line):\(b.column)" }
            return nil
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) items" }
            for index in x.indices { if let found = difference(x[index], y[index], path: "\(path)[\(index)]") { return found } }
            return nil
        case (.map(let x), .map(let y)):
            guard x.map(\.key) == y.map(\.key) else { return "\(path): keys \(x.map(\.key)) vs \(y.map(\.key))" }
            for index in x.indices {
                if x[index].keyLine != y[index].keyLine || x[index].keyColumn != y[index].keyColumn { return "\(path).\(x[index].key): key position" }
                if let found = difference(x[index].value, y[index].value, path: "\(path).\(x[index].key)") { return found }
            }
            return nil
        default:
            return "\(path): \(a.kind) vs \(b.kind)"
        }
    }

    static func check(_ text: String, _ label: String) -> (accepted: Bool, difference: String?) {
        guard let fast = try? FastYAMLReader.parse(text) else { return (false, nil) }
        guard let reference = try? YAMLReader.parseWithYams(text) else { return (true, "\(label): fast reader accepted what Yams rejects") }
        return (true, difference(fast, reference).map { "\(label): \($0)" })
    }

    @Test func agreesWithYamsOnFixtures() throws {
        let files = ["cloudformation/insecure.yaml", "cloudformation/secure-with-template.yaml", "ebextensions-app/.ebextensions/01-options.config",
                     "ebextensions-app/.ebextensions/02-map.config", "ebextensions-app/.elasticbeanstalk/config.yml",
                     "ebextensions-app/.elasticbeanstalk/saved_configs/base.cfg.yml", "ebextensions-insecure/.ebextensions/01-settings.config",
                     "ebextensions-insecure/.ebextensions/02-resources.config"]
        for file in files {
            let text = try String(contentsOfFile: Fixtures.path(file), encoding: .utf8)
            let result = Self.check(text, file)
            #expect(result.accepted, "\(file) should take the fast path")
            #expect(result.difference == nil, "\(result.difference ?? "")")
        }
        let samples = [
            "a: |\n  x\n   y\n\n  z\nb: >-\n  folded\n  text\n\n  para\nc: end\n",
            "list:\n- a\n- - b\n  - c\n- k: v\n  k2: [1, {x: y}]\n",
            "a: plain\n  continued line\nb: 'it''s'\nc: \"tab\\tq\\\"\"\nd: !Sub\n  - '${A}'\n  - {A: !Ref B}\n",
            "k: !GetAtt A.B\nl: !Ref\nm: [!Ref X, !GetAtt Y.Z]\n# comment\nn: ~\no:\n",
            "---\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
            "x: a # comment\ny: 'q' # c\n",
        ]
        for (index, sample) in samples.enumerated() {
            let result = Self.check(sample, "sample \(index)")
            #expect(result.difference == nil, "\(result.difference ?? "")")
        }
    }

    static func changedLines(_ before: String, _ after: String) -> String {
        let old = Set(before.split(separator: "\n", omittingEmptySubsequences: false))
        return after.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !old.contains($0.element) }.prefix(6).map { "\($0.offset + 1): \($0.element)" }.joined(separator: "\n")
    }

    @Test func agreesWithYamsOnMutations() throws {
        var random = SplitMix64(state: 0xFA57)
        let seeds = FuzzTests.seeds().enumerated().filter { $0.offset != 1 && $0.offset != 2 }.map(\.element)
        var accepted = 0
        for round in 0..<2000 {
            let bytes = FuzzTests.mutate(seeds[round % seeds.count], &random)
            let text = String(decoding: bytes, as: UTF8.self)
            let result = Self.check(text, "mutation \(round)")
            if result.accepted { accepted += 1 }
            let changed = Self.changedLines(seeds[round % seeds.count], text)
            #expect(result.difference == nil, "\(result.difference ?? "")\n--- changed lines:\n\(changed)")
            if result.difference != nil { break }
        }
        #expect(accepted > 100)
    }

    @Test func duplicateKeysAreLeftToYamsInSmallAndLargeMappings() {
        let distinct = (0..<20).map { "k\($0): v" }.joined(separator: "\n") + "\n"
        #expect((try? FastYAMLReader.parse(distinct))?.entries?.count == 20)
        #expect((try? FastYAMLReader.parse("a: 1\nb: 2\na: 3\n")) == nil)
        #expect((try? FastYAMLReader.parse(distinct + "k3: again\n")) == nil)
        #expect((try? FastYAMLReader.parse(distinct + "k19: again\n")) == nil)
        let flow = "{" + (0..<20).map { "f\($0): v" }.joined(separator: ", ")
        #expect((try? FastYAMLReader.parse(flow + "}\n"))?.entries?.count == 20)
        #expect((try? FastYAMLReader.parse(flow + ", f0: again}\n")) == nil)
        #expect((try? FastYAMLReader.parse("{a: 1, a: 2}\n")) == nil)
    }

    @Test func byteSetHoldsExactlyItsMembers() {
        let members = "[]{},!&*|>'\"%@`#"
        let set = ByteSet(members)
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == members.utf8.contains(byte), "byte \(byte)")
        }
    }
}
