import Controls
import Foundation
import History
import Yams

extension ConfigFile {
    /// The `exceptions:` list of ebguard.yml, each with its origin `ebguard.yml:LINE`, so an
    /// accepted risk is reviewed in git like any other change. Every field is required.
    static func exceptions(path: String?) throws -> [ExceptionRecord] {
        let chosen = path ?? (FileManager.default.fileExists(atPath: "ebguard.yml") ? "ebguard.yml" : nil)
        guard let chosen, let text = try? String(contentsOfFile: chosen, encoding: .utf8) else { return [] }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw InputError("\(chosen): invalid YAML: \(error)") }
        guard let list = node?.mapping?["exceptions"] else { return [] }
        guard let entries = list.sequence else { throw InputError("\(chosen)\(Self.line(list)): exceptions must be a list") }
        let required = ["control", "resource", "owner", "reason", "expires"]
        return try entries.enumerated().map { index, entry in
            let at = "\(chosen)\(Self.line(entry))"
            guard let mapping = entry.mapping else { throw InputError("\(at): exception \(index + 1) must be a mapping of \(required.joined(separator: ", "))") }
            for (key, _) in mapping where !required.contains(key.string ?? "") {
                throw InputError("\(chosen)\(Self.line(key)): unknown exception field '\(key.string ?? "?")' (known: \(required.joined(separator: ", ")))")
            }
            var values: [String: String] = [:]
            for key in required {
                guard let value = mapping[key]?.string, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw InputError("\(at): exception \(index + 1) needs '\(key)'")
                }
                values[key] = value
            }
            let control = values["control"]!.uppercased()
            guard Catalog.standard.control(id: control) != nil else { throw InputError("\(at): unknown control id '\(values["control"]!)'") }
            let expires: Date
            do { expires = try Exceptions.parseDay(values["expires"]!) } catch { throw InputError("\(at): \(error)") }
            let line = entry.mark?.line ?? 0
            return ExceptionRecord(id: "file-\(line)", control: control, resource: values["resource"]!, owner: values["owner"]!,
                                   reason: values["reason"]!, expires: expires, createdAt: Date(timeIntervalSince1970: 0),
                                   origin: "\(chosen):\(line)")
        }
    }

    private static func line(_ node: Node) -> String {
        node.mark.map { ":\($0.line)" } ?? ""
    }
}
