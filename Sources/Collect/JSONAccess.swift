import Foundation

/// Typed reads over `JSONSerialization` trees: the AWS CLI's JSON is loosely typed (numbers as
/// strings, booleans as 0/1 in places), so every read tolerates the forms the CLI emits.
typealias JSONObject = [String: Any]

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? {
        switch self[key] {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    func bool(_ key: String) -> Bool? {
        switch self[key] {
        case let number as NSNumber: number.boolValue
        case let text as String: ["true", "1", "yes"].contains(text.lowercased()) ? true : (["false", "0", "no"].contains(text.lowercased()) ? false : nil)
        default: nil
        }
    }

    func int(_ key: String) -> Int? {
        switch self[key] {
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }

    func object(_ key: String) -> JSONObject? { self[key] as? JSONObject }

    func objects(_ key: String) -> [JSONObject] { self[key] as? [JSONObject] ?? [] }

    func strings(_ key: String) -> [String] {
        (self[key] as? [Any] ?? []).compactMap { ($0 as? String) ?? ($0 as? NSNumber)?.stringValue }
    }

    /// `[{"Key": k, "Value": v}]` tags as a dictionary.
    func tags(_ key: String = "Tags") -> [String: String] {
        var tags: [String: String] = [:]
        for tag in objects(key) {
            if let name = tag.string("Key") ?? tag.string("key"), let value = tag.string("Value") ?? tag.string("value") { tags[name] = value }
        }
        return tags
    }

    /// A timestamp as the AWS CLI prints it: ISO 8601 text or epoch seconds.
    func date(_ key: String) -> Date? {
        switch self[key] {
        case let number as NSNumber: return Date(timeIntervalSince1970: number.doubleValue)
        case let text as String: return Timestamps.parse(text)
        default: return nil
        }
    }
}

enum Timestamps {
    static func parse(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        // `2024-01-01 00:00:00+00:00` (space separator)
        return plain.date(from: text.replacingOccurrences(of: " ", with: "T"))
    }
}

/// Policy documents arrive as JSON objects (AWS CLI decodes them) or as URL-encoded text (raw API):
/// normalize to JSON text.
enum PolicyText {
    static func normalize(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let decoded = text.removingPercentEncoding ?? text
            return decoded.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") ? decoded : text
        case let object as JSONObject:
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
            return String(decoding: data, as: UTF8.self)
        default:
            return nil
        }
    }
}
