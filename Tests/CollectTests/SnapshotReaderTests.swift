import Foundation
import Inventory
import Testing
@testable import Collect
@testable import Controls

/// The fast snapshot reader gives exactly what `JSONDecoder` gives, or leaves the file to it.
@Suite struct SnapshotReaderTests {
    static func slowDecode(_ data: Data) throws -> Inventory {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Inventory.self, from: data)
    }

    /// Both readers' results, compared by their snapshot encoding (every field, sorted keys).
    static func expectSameAsJSONDecoder(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try #require(Snapshot.fastDecode(data), "the fast reader gave up", sourceLocation: sourceLocation)
        #expect(try Snapshot.encode(fast) == Snapshot.encode(try slowDecode(data)), sourceLocation: sourceLocation)
    }

    static func richInventory() -> Inventory {
        var fixture = ExampleInventory.hardened()
        fixture.setOption("aws:elasticbeanstalk:application:environment", "Q\"uote\\d/slash", "tab\there\nnew line é ✓ 😀 \u{1}",
                          origin: .file("dir/with \"quotes\"/a.config", line: 3, column: 5))
        var secret = OptionSetting(namespace: "aws:elasticbeanstalk:application:environment", optionName: "AWS_SECRET_ACCESS_KEY",
                                   value: "wJal****EKEY", secret: SecretHit(kind: .awsSecretAccessKey, key: "AWS_SECRET_ACCESS_KEY", redacted: "wJal****EKEY"))
        secret.unresolved = true
        fixture.environment.optionSettings?.append(secret)
        fixture.environment.optionSettings?.append(OptionSetting(namespace: "aws:elbv2:listener:443", optionName: "Rules", value: nil,
                                                                 resourceName: "rule-1", layer: .savedConfiguration))
        fixture.inventory.source = InventorySource(kind: "aws-cli-export", location: "/tmp/x", toolVersion: "0.1.0",
                                                   collectedAt: Date(timeIntervalSince1970: 1_790_000_000), regions: ["us-east-1"])
        fixture.inventory.gaps = [CollectionGap(fact: .trails, operation: "cloudtrail describe-trails", reason: .notProvided)]
        fixture.inventory.inputProblems = [InputProblem(file: "bad\n.json", line: 2, message: "tab\there")]
        return fixture.inventory
    }

    @Test func readsWhatJSONDecoderReads() throws {
        try Self.expectSameAsJSONDecoder(try Snapshot.encode(ExampleInventory.hardened().inventory))
        try Self.expectSameAsJSONDecoder(try Snapshot.encode(Self.richInventory()))
    }

    @Test func readsTheDemoFleet() throws {
        let inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        try Self.expectSameAsJSONDecoder(try Snapshot.encode(inventory))
    }

    /// Large snapshots are read in parallel: the same inventory as the sequential reader.
    @Test func parallelReadGivesTheSequentialResult() throws {
        var inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        inventory.environments += inventory.environments.map { var copy = $0; copy.name += "-copy"; return copy }
        for data in [try Snapshot.encode(inventory), try Snapshot.encode(Self.richInventory())] {
            let sequential = try #require(Snapshot.fastDecode(data))
            let parallel = try data.withUnsafeBytes { try Inventory.readInParallel($0).0 }
            #expect(try Snapshot.encode(parallel) == Snapshot.encode(sequential))
            #expect(try Snapshot.encode(parallel) == Snapshot.encode(try Self.slowDecode(data)))
        }
        var text = String(decoding: try Snapshot.encode(inventory), as: UTF8.self)
        text = text.replacingOccurrences(of: #""schemaVersion":1"#, with: #""schemaVersion":1,"unknownKey":2"#)
        #expect(throws: (any Error).self) { try Data(text.utf8).withUnsafeBytes { try Inventory.readInParallel($0) } }
    }

    /// The environments are cut into slices where the layout suggests, or by skimming each one:
    /// both give the sequential result, and a layout the guess does not fit is cut by the skim.
    @Test func guessedAndSkimmedSlicesGiveTheSequentialResult() throws {
        var inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        for round in 0..<3 { inventory.environments += inventory.environments.map { var copy = $0; copy.name += "-\(round)"; return copy } }
        let compact = try Snapshot.encode(inventory)
        let expected = try Snapshot.encode(try Self.slowDecode(compact))
        for guessing in [true, false] {
            let parallel = try compact.withUnsafeBytes { try Inventory.readInParallel($0, guessingSlices: guessing).0 }
            #expect(try Snapshot.encode(parallel) == expected, "guessing: \(guessing)")
        }
        // Indented: the guess finds no `],"gaps":` and gives up; the skim cuts instead.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        let indented = try encoder.encode(inventory)
        #expect(throws: (any Error).self) { try indented.withUnsafeBytes { try Inventory.readInParallel($0, guessingSlices: true) } }
        let read = try indented.withUnsafeBytes { try Inventory.readInParallel($0).0 }
        #expect(try Snapshot.encode(read) == expected)
        // No environments at all.
        inventory.environments = []
        let empty = try Snapshot.encode(inventory)
        #expect(try empty.withUnsafeBytes { try Inventory.readInParallel($0, guessingSlices: true).0.environments.isEmpty })
    }

    /// The search behind the guessed layout finds the first occurrence, whatever byte of the needle
    /// it runs by, as a plain search does.
    @Test func findGivesTheFirstOccurrenceByAnyAnchor() {
        let text = #"{"a":[1],"b":"x],\"gaps\":","environments":[],"gaps":[],"gaps":[]} ],"ga"#
        let bytes = Array(text.utf8)
        func plain(_ needle: [UInt8], from offset: Int) -> Int? {
            guard offset + needle.count <= bytes.count else { return nil }
            return (offset...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }
        }
        Data(bytes).withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let input = JSONInput(buffer)
            for needle in [#"],"gaps":"#, #""environments":["#, "]", #"],"ga"#, "{", "missing"].map({ Array($0.utf8) }) {
                for anchor in needle.indices {
                    for offset in [0, 1, 20, 40, bytes.count - 3, bytes.count] {
                        #expect(Inventory.find(needle, in: input, from: offset, anchor: anchor) == plain(needle, from: offset),
                                "\(String(decoding: needle, as: UTF8.self)) by \(anchor) from \(offset)")
                    }
                }
            }
            // The first `],"gaps":` is the one after the list, not the escaped one in the text before.
            #expect(Inventory.find(Array(#"],"gaps":"#.utf8), in: input, from: 0) == 44)
        }
    }

    /// The members before and after the environments are read in runs that must end exactly at the
    /// environments' key, and at the end of the object.
    @Test func aRunOfMembersEndsOnlyWhereItMust() throws {
        var inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        inventory.environments = Array(inventory.environments.prefix(2))
        let data = try Snapshot.encode(inventory)
        let text = String(decoding: data, as: UTF8.self)
        let key = text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: #""environments":["#)).lowerBound)
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let input = JSONInput(buffer)
            let (before, fields, end) = try Inventory.readMembers(input, from: 1, until: key)
            #expect(end == key)
            #expect(fields != 0)
            #expect(!inventory.autoScalingGroups.isEmpty)
            #expect(before.autoScalingGroups == inventory.autoScalingGroups)
            #expect(before.databases == inventory.databases)
            #expect(before.environments.isEmpty && before.securityGroups.isEmpty)
            for wrong in [key - 1, key + 1, key + 20] {
                #expect(throws: (any Error).self) { try Inventory.readMembers(input, from: 1, until: wrong) }
            }
            // Without a stop, a run reads to the object's end, and must start at a key.
            let (whole, _, wholeEnd) = try Inventory.readMembers(input, from: 1, until: nil)
            #expect(wholeEnd == data.count)
            #expect(whole.environments.map(\.name) == inventory.environments.map(\.name))
            #expect(throws: (any Error).self) { try Inventory.readMembers(input, from: key + 1, until: nil) }
        }
        // The layout read (the runs and the slices side by side) gives the sequential result.
        let read = try data.withUnsafeBytes { try Inventory.readInParallel($0, guessingSlices: true).0 }
        #expect(try Snapshot.encode(read) == Snapshot.encode(try Self.slowDecode(data)))
    }

    /// A slice proves its cut: it reads environment after environment and must land exactly on
    /// the next slice's start; a cut anywhere else fails it.
    @Test func aSliceFailsUnlessItEndsWhereAnEnvironmentStarts() throws {
        var inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        inventory.environments = Array(inventory.environments.prefix(3))
        let data = try Snapshot.encode(inventory)
        try data.withUnsafeBytes { buffer in
            let input = JSONInput(buffer)
            let text = String(decoding: data, as: UTF8.self)
            let list = text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: #""environments":["#)).upperBound)
            var starts = [list]
            for _ in 0..<3 {
                let end = try #require(input.skimValue(starts[starts.count - 1]))
                starts.append(end + 1)
            }
            let close = starts[3] - 1
            #expect(input[close] == UInt8(ascii: "]"))
            var environments = MovingBuffer<Environment>(capacity: 1)
            defer { environments.free() }
            try Inventory.readEnvironments(input, from: starts[0], to: starts[1], close: close, into: &environments)
            try Inventory.readEnvironments(input, from: starts[1], to: close, close: close, into: &environments)
            #expect(environments.remaining == 3)
            for wrong in [starts[1] + 1, starts[1] - 1, starts[2] + 5] {
                #expect(throws: (any Error).self) { try Inventory.readEnvironments(input, from: starts[0], to: wrong, close: close, into: &environments) }
            }
            // The last slice must end at the list's end.
            #expect(throws: (any Error).self) { try Inventory.readEnvironments(input, from: starts[1], to: starts[2] + 1, close: close, into: &environments) }
        }
    }

    /// The parallel reader finds members and environments by skimming: on valid JSON the skim ends
    /// where the strict scan ends, and it stops at the end of the document instead of running past it.
    @Test func skimEndsWhereTheStrictScanEnds() throws {
        let values = [#"{"a":"x\"}","b":[1,{"c":"\\"}],"d":"]}"}"#, #"["é ✓ 😀 \u00e9", -1.5e3, true, null, {}, []]"#,
                      #""a long text with \" an escaped quote and \\ a backslash, past eight bytes""#, "12345", "false",
                      #"  { "spaced" : [ 1 , 2 ] }  "#, #"{"k":"\u005c"}"#]
        for value in values {
            let data = Data((value + ",").utf8)
            let (skimmed, strict) = try data.withUnsafeBytes { buffer in
                let input = JSONInput(buffer)
                return (input.skimValue(0), try input.skipValue(0))
            }
            #expect(skimmed == strict, "\(value)")
        }
        for unfinished in [#"{"a":"x"#, #"["a",[1]"#, #""abc\""#] {
            let skimmed = Data(unfinished.utf8).withUnsafeBytes { JSONInput($0).skimValue(0) }
            #expect(skimmed == nil, "\(unfinished)")
        }
    }

    /// What the skim does not check, the strict reader of each member and environment does.
    @Test func parallelReadRejectsDamageTheSkimPassesOver() throws {
        var inventory = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        inventory.environments += inventory.environments.map { var copy = $0; copy.name += "-copy"; return copy }
        let text = String(decoding: try Snapshot.encode(inventory), as: UTF8.self)
        #expect(try Data(text.utf8).withUnsafeBytes { try Inventory.readInParallel($0).0.environments.count } == inventory.environments.count)
        let name = try #require(inventory.environments.last?.name)
        for damaged in [text.replacingOccurrences(of: "\"\(name)\"", with: "\"\(name)\\q\""),   // an invalid escape
                        text.replacingOccurrences(of: "\"\(name)\"", with: "\"\(name)\",,"),      // a stray comma
                        text.replacingOccurrences(of: "\"schemaVersion\":1", with: "\"schemaVersion\":1x")] {
            #expect(damaged != text)
            #expect(throws: (any Error).self) { try Data(damaged.utf8).withUnsafeBytes { try Inventory.readInParallel($0) } }
        }
    }

    @Test func readsOtherwiseFormattedJSON() throws {
        // Indented, with escaped slashes and unicode escapes, as other JSON writers produce.
        let compact = try Snapshot.encode(Self.richInventory())
        let object = try JSONSerialization.jsonObject(with: compact)
        try Self.expectSameAsJSONDecoder(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
        var text = String(decoding: compact, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"shop-prod\"", with: "\"\\u0073hop-prod\"")
        try Self.expectSameAsJSONDecoder(Data(text.utf8))
    }

    /// Snapshots from before the compact option settings are left to JSONDecoder, which reads them.
    @Test func leavesTheOlderOptionSettingsListToJSONDecoder() throws {
        var text = String(decoding: try Snapshot.encode(ExampleInventory.hardened().inventory), as: UTF8.self)
        let range = try #require(text.range(of: #""optionSettings":{"#))
        let end = try #require(text.range(of: #"]]}"#, range: range.upperBound..<text.endIndex))
        text.replaceSubrange(range.lowerBound..<end.upperBound,
                             with: #""optionSettings":[{"layer":"direct","namespace":"aws:autoscaling:launchconfiguration","optionName":"DisableIMDSv1","unresolved":false,"value":"true"}]"#)
        let data = Data(text.utf8)
        #expect(Snapshot.fastDecode(data) == nil)
        let read = try Snapshot.decode(data, path: "older.json")
        #expect(read.environments.first?.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1") == "true")
    }

    @Test func leavesAnythingUnusualToJSONDecoder() throws {
        let good = String(decoding: try Snapshot.encode(ExampleInventory.hardened().inventory), as: UTF8.self)
        let unusual = [
            good + "x",                                                          // trailing garbage
            good.replacingOccurrences(of: #""schemaVersion":1"#, with: #""schemaVersion":1,"schemaVersion":1"#),   // duplicate key
            good.replacingOccurrences(of: #""schemaVersion":1"#, with: #""schemaVersion":1.0"#),
            good.replacingOccurrences(of: #""schemaVersion":1"#, with: #""schemaVersion":99"#),
            good.replacingOccurrences(of: "shop-prod", with: "shop\u{1}prod"),    // control character
            good.replacingOccurrences(of: "shop-prod", with: #"shop\ud800prod"#), // lone surrogate
            String(good.dropLast()),
            #"{"schemaVersion": 1, "environments": "oops"}"#,
        ]
        for text in unusual { #expect(Snapshot.fastDecode(Data(text.utf8)) == nil, "\(text.suffix(80))") }
        var bytes = Array(good.utf8)
        bytes[bytes.count / 2] = 0xFF
        #expect(Snapshot.fastDecode(Data(bytes)) == nil, "invalid UTF-8")
    }

    /// Every model type the reader knows: its field table must name every stored property, as
    /// optional exactly when the property is, and its blank value must leave optionals `nil`.
    @Test(arguments: [
        Inventory.self, InventorySource.self, Environment.self, EnvironmentResources.self, ConfigurationTemplate.self, OptionSetting.self,
        OriginFields.self, SecretHit.self, CodeArtifact.self, CodeLine.self, LocatedSecret.self, InlineSuppression.self, CollectionGap.self,
        InputProblem.self, PlatformVersion.self, MetadataOptions.self, BlockDevice.self, AutoScalingGroup.self, LaunchTemplate.self,
        LaunchConfiguration.self, Instance.self, VPC.self, Subnet.self, Route.self, RouteTable.self, SecurityGroupRule.self,
        SecurityGroup.self, VPCEndpoint.self, LoadBalancer.self, Listener.self, ListenerAction.self, ListenerRule.self, Database.self,
        DBParameterGroup.self, KMSKey.self, PublicAccessBlock.self, BucketEncryption.self, Bucket.self, IAMInventory.self,
        InlinePolicy.self, Role.self, InstanceProfile.self, ManagedPolicy.self, User.self, Trail.self, Alarm.self, LogGroup.self,
        ConfigRecorder.self, CloudTrailEvent.self,
    ] as [any SnapshotObject.Type])
    func fieldTablesCoverTheModel(_ type: any SnapshotObject.Type) {
        func check<T: SnapshotObject>(_: T.Type) {
            let fields = Dictionary(uniqueKeysWithValues: T.snapshotFields.fields.map { (String(decoding: $0.name, as: UTF8.self), $0.isRequired) })
            let children = Mirror(reflecting: T.snapshotBlank()).children
            #expect(Set(children.compactMap(\.label)) == Set(fields.keys), "\(T.self)")
            for child in children {
                guard let label = child.label, let required = fields[label] else { continue }
                let optional = Mirror(reflecting: child.value).displayStyle == .optional
                #expect(required == !optional, "\(T.self).\(label)")
                if optional { #expect(Mirror(reflecting: child.value).children.isEmpty, "\(T.self).\(label) is not nil in the blank value") }
            }
        }
        check(type)
    }

    /// `Origin` is read through `OriginFields`: the two must name the same properties, and an
    /// origin read must equal the one written (sharing the storage of the one before it when the
    /// bytes repeat, without being changed by a later change to either).
    @Test func originsAreReadThroughTheirFields() throws {
        let fields = Set(OriginFields.snapshotFields.fields.map { String(decoding: $0.name, as: UTF8.self) })
        #expect(Set(Mirror(reflecting: Origin()).children.compactMap(\.label)) == fields)
        let written = [Origin.file("a/.ebextensions/x.config", line: 3, column: 7), .api("ec2:DescribeSecurityGroups"),
                       .api("ec2:DescribeSecurityGroups"), Origin(api: "s3:GetBucketPolicy", file: "export/s3.json")]
        var read = try JSONEncoder().encode(written).withUnsafeBytes { try [Origin].read(JSONInput($0), at: 0).0 }
        #expect(read == written)
        #expect(read.map(\.description) == written.map(\.description))
        read[2].line = 9
        #expect(read[1] == written[1] && read[1].line == nil && read[2].line == 9)
    }

    /// Option settings are built in a buffer that grows past a hundred and twenty-eight rows, and
    /// a row that fails to read leaves the reader to `JSONDecoder` without losing what was built.
    @Test func readsManyOptionRowsAsJSONDecoderDoes() throws {
        var fixture = ExampleInventory.hardened()
        for number in 0..<300 {
            fixture.setOption("aws:elasticbeanstalk:application:environment", "KEY_\(number)", number % 3 == 0 ? "" : "value-\(number)",
                              origin: number % 2 == 0 ? .file("options.config", line: number + 1) : nil)
        }
        let data = try Snapshot.encode(fixture.inventory)
        try Self.expectSameAsJSONDecoder(data)
        let read = try #require(Snapshot.fastDecode(data))
        #expect(read.environments.first?.optionSettings?.value("aws:elasticbeanstalk:application:environment", "KEY_299") == "value-299")
        // A damaged row far into the list: the fast reader gives the file up.
        let damaged = String(decoding: data, as: UTF8.self).replacingOccurrences(of: #""KEY_250","value-250""#, with: #""KEY_250",250"#)
        #expect(damaged.utf8.count != data.count)
        #expect(Snapshot.fastDecode(Data(damaged.utf8)) == nil)
    }

    /// Files read one after another with a lent reading context share equal texts, and every
    /// text reads back as it was written.
    @Test func lentContextsShareTextsBetweenDocuments() throws {
        let contexts = ExportReadingContexts()
        let long = "aws:elasticbeanstalk:application:environment"
        var texts: [String] = []
        for number in 0..<3 {
            let document = #"{"Namespace":"\#(long)","Value":"value-\#(number)","Short":"abc"}"#
            let tape = try #require(contexts.withContext { JSONTape.parse(Array(document.utf8), interner: $0.interner) })
            let object = JSONObject(tape: tape, node: 0)
            #expect(object.string("Value") == "value-\(number)")
            #expect(object.string("Short") == "abc")
            texts.append(try #require(object.string("Namespace")))
        }
        #expect(texts.allSatisfy { $0 == long })
        // The same storage: the same context (and interner) was lent each time.
        let storages = texts.map { text in var text = text; return text.withUTF8 { UInt(bitPattern: $0.baseAddress) } }
        #expect(Set(storages).count == 1)
    }

    @Test func buildingKeepsOrderAndSkipsNils() {
        let built = [String].building(1...10, capacity: 10) { $0 % 3 == 0 ? nil : "item-\($0)" }
        #expect(built == ["item-1", "item-2", "item-4", "item-5", "item-7", "item-8", "item-10"])
        #expect([Int].building([Int](), capacity: 0) { $0 }.isEmpty)
    }

    @Test func internedStringsAreEqualStrings() {
        let interner = StringInterner(capacity: 4)
        let words = (0..<100).map { "aws:autoscaling:launchconfiguration-\($0 % 37)" }
        var read: [String] = []
        for word in words {
            var copy = word
            read.append(copy.withUTF8 { interner.string($0) })
        }
        #expect(read == words)
    }

    /// A bounded interner starts over when full: every text still reads back as it was, and a
    /// text met again soon is shared again.
    @Test func boundedInternerStartsOverAndStillShares() {
        let interner = StringInterner(capacity: 4, slotLimit: 8)
        let words = (0..<200).map { "arn:aws:iam::111122223333:role/role-\($0)" }
        var read: [String] = []
        for word in words + words {
            var copy = word
            read.append(copy.withUTF8 { interner.string($0) })
        }
        #expect(read == words + words)
        let long = "aws:elasticbeanstalk:application:environment"
        var first = long, second = long
        let texts = [first.withUTF8 { interner.string($0) }, second.withUTF8 { interner.string($0) }]
        let storages = texts.map { text in var text = text; return text.withUTF8 { UInt(bitPattern: $0.baseAddress) } }
        #expect(texts == [long, long])
        #expect(storages[0] == storages[1])
    }

    /// The row reader builds each setting property by property: it must set every one.
    @Test func rowReaderSetsEveryPropertyOfASetting() throws {
        let setting = OptionSetting(namespace: "aws:elbv2:listener:443", optionName: "Rules", value: "v", resourceName: "rule-1", unresolved: true,
                                    secret: SecretHit(kind: .awsSecretAccessKey, key: "K", redacted: "wJal****EKEY"), layer: .configurationFile,
                                    origin: .file("a.config", line: 2, column: 3))
        let labels = Mirror(reflecting: setting).children.compactMap(\.label)
        #expect(Set(labels) == ["namespace", "optionName", "value", "resourceName", "unresolved", "secret", "layer", "origin"])
        var fixture = ExampleInventory.hardened()
        fixture.environment.optionSettings?.append(setting)
        let read = try #require(Snapshot.fastDecode(try Snapshot.encode(fixture.inventory)))
        #expect(read.environments.first?.optionSettings?.all.last == setting)
    }

    /// Strings are scanned eight bytes at a time: a quote, an escape, a control character or
    /// non-ASCII text at any position of a short or long string reads as `JSONDecoder` reads it.
    @Test func readsSpecialBytesAtEveryPositionOfAString() throws {
        for special in ["\"", "\\", "/", "é", "😀", "\u{1}", "\n"] {
            for length in 1...24 {
                for position in 0..<length {
                    let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: length - position - 1)
                    let data = try JSONEncoder().encode([text, "after"])
                    let read = try data.withUnsafeBytes { try [String].read(JSONInput($0), at: 0) }
                    #expect(read.0 == [text, "after"], "\(text.debugDescription)")
                    #expect(read.1 == data.count)
                }
            }
        }
        // A raw control character is not valid JSON, wherever it sits.
        for position in 0..<20 {
            var bytes = Array("[\"\(String(repeating: "a", count: 20))\"]".utf8)
            bytes[2 + position] = 0x01
            #expect(throws: FastReadUnsupported.self) { try bytes.withUnsafeBytes { try [String].read(JSONInput($0), at: 0) } }
        }
    }

    /// Dictionaries are made at their final size once every entry is read; a repeated key still
    /// leaves the file to `JSONDecoder`.
    @Test func readsLargeDictionariesAndRefusesRepeatedKeys() throws {
        let entries = (0..<1000).map { ("sg-\(String($0, radix: 16))-0123456789abcdef", "value-\($0)") }
        let dictionary = Dictionary(uniqueKeysWithValues: entries)
        let data = try JSONEncoder().encode(dictionary)
        let read = try data.withUnsafeBytes { try [String: String].read(JSONInput($0), at: 0) }
        #expect(read.0 == dictionary)
        #expect(read.1 == data.count)
        let repeated = Data(#"{"a-long-key-0123456789":"1","b":"2","a-long-key-0123456789":"3","c":"4"}"#.utf8)
        #expect(throws: FastReadUnsupported.self) { try repeated.withUnsafeBytes { try [String: String].read(JSONInput($0), at: 0) } }
        let empty = try Data("{ }".utf8).withUnsafeBytes { try [String: String].read(JSONInput($0), at: 0) }
        #expect(empty.0.isEmpty && empty.1 == 3)
    }

    /// A moving buffer hands its elements on in order, each exactly once: none is lost or
    /// destroyed twice when the receiver stops part way.
    @Test func movingBufferMovesEachElementOnce() {
        final class Counter { var destroyed = 0 }
        final class Tracked {
            let number: Int
            let counter: Counter
            init(_ number: Int, _ counter: Counter) { (self.number, self.counter) = (number, counter) }
            deinit { counter.destroyed += 1 }
        }
        let counter = Counter()
        do {
            var buffer = MovingBuffer<Tracked>(capacity: 1)
            for number in 0..<300 { buffer.append(Tracked(number, counter)) }
            let array = buffer.takeArray()
            #expect(array.map(\.number) == Array(0..<300))
            #expect(buffer.remaining == 0)
            buffer.free()
        }
        #expect(counter.destroyed == 300)
        do {
            var buffer = MovingBuffer<Tracked>(capacity: 4)
            for number in 0..<10 { buffer.append(Tracked(number, counter)) }
            let taken = (0..<4).map { _ in buffer.take().number }
            #expect(taken == [0, 1, 2, 3])
            #expect(buffer.remaining == 6)
            #expect(counter.destroyed == 304)
            // What is left after some were taken moves on as a whole.
            #expect(buffer.takeArray().map(\.number) == Array(4..<10))
            for number in 10..<13 { buffer.append(Tracked(number, counter)) }
            buffer.free()
        }
        #expect(counter.destroyed == 313)
    }
}
