import Foundation
import Testing
import Inventory
@testable import IaC

/// A seeded generator, so a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// Feeds the readers random and mutated inputs: none may crash, hang or throw anything but a
/// `ParseError` (each reader turns that into an `InputProblem`).
@Suite struct FuzzTests {
    static let alphabet = Array("{}[]()\"'`:,=!&|?<>-+*/#%$\\ \t\n\r.~@abcXYZ019Ref!GetAtt<<EOF\u{0}é".utf8)

    static func seeds() -> [String] {
        let files = ["cloudformation/insecure.yaml", "cloudformation/insecure.json", "terraform/insecure.tf",
                     "ebextensions-app/.ebextensions/02-map.config", "ebextensions-app/.elasticbeanstalk/saved_configs/base.cfg.yml"]
        return files.compactMap { try? String(contentsOfFile: Fixtures.path($0), encoding: .utf8) }
    }

    static func mutate(_ text: String, _ random: inout SplitMix64) -> [UInt8] {
        var bytes = Array(text.utf8)
        let edits = Int.random(in: 1...8, using: &random)
        for _ in 0..<edits where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: bytes[position] = alphabet.randomElement(using: &random)!
            case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
            case 2: bytes.remove(at: position)
            case 3: bytes = Array(bytes[..<position])
            default:
                let end = min(bytes.count, position + Int.random(in: 1...40, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &random))
            }
        }
        return bytes
    }

    static func randomBytes(_ random: inout SplitMix64) -> [UInt8] {
        (0..<Int.random(in: 0...300, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
    }

    @Test func parsersNeverCrash() {
        var random = SplitMix64(state: 0xEB6A4D)
        let seeds = Self.seeds()
        #expect(seeds.count == 5)
        var parsed = 0
        var rejected = 0
        for round in 0..<3000 {
            let bytes = round % 4 == 0 ? Self.randomBytes(&random) : Self.mutate(seeds[round % seeds.count], &random)
            let text = String(decoding: bytes, as: UTF8.self)
            for attempt in 0..<3 {
                do {
                    switch attempt {
                    case 0: _ = try JSONReader.parse(bytes: bytes)
                    case 1: _ = try HCLParser.parse(text)
                    default: _ = try YAMLReader.parse(text)
                    }
                    parsed += 1
                } catch {
                    rejected += 1
                }
            }
            if round % 10 == 0 {
                _ = CloudFormationReader.read(text: text, path: "f.yaml", json: false)
                _ = TerraformReader.read(text: text, path: "f.tf")
                _ = EbextensionsReader.read(text: text, path: "f.config", app: AppRoot(display: ".", folderName: "app"))
            }
        }
        #expect(parsed > 0 && rejected > 0)
    }

    @Test func zipReaderNeverCrashes() throws {
        var random = SplitMix64(state: 0x21B)
        let zip = try ZipMaker.make([(".ebextensions/01.config", Data("option_settings:\n  - option_name: A\n    value: b\n".utf8)),
                                     ("app/.env", Data("TOKEN=abc\n".utf8))])
        let reader = ZipBundleReader(options: ScanOptions())
        let folder = TemporaryFolder()
        for round in 0..<400 {
            var bytes = [UInt8](zip)
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            }
            let path = folder.write("fuzz\(round).zip", Data(bytes))
            let outputs = reader.read(fileAt: path, display: "fuzz.zip", app: AppRoot(display: "fuzz.zip", folderName: "fuzz"))
            #expect(!outputs.isEmpty)
        }
    }
}
