import Foundation

extension RemediationPlan {
    /// The plan file: indented JSON with sorted keys, so plans diff cleanly in review.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a plan file, refusing anything that is not a plan this build understands.
    public static func read(_ data: Data, path: String) throws -> RemediationPlan {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw RemediationError.unsupportedPlan("\(path): not a plan file (expected the JSON that `ebguard plan --format json --output FILE` writes)")
        }
        guard object["kind"] as? String == kindName else {
            throw RemediationError.unsupportedPlan("\(path): not a plan file (no \"kind\": \"\(kindName)\")")
        }
        if let version = object["schemaVersion"] as? Int, version > currentSchemaVersion {
            throw RemediationError.unsupportedPlan("\(path): plan schema version \(version) is newer than this ebguard reads (\(currentSchemaVersion)); upgrade ebguard")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(RemediationPlan.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw RemediationError.unsupportedPlan("\(path): missing \(Self.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
            throw RemediationError.unsupportedPlan("\(path): invalid value at \(Self.path(context.codingPath)): \(context.debugDescription)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
