import Foundation
import Inventory

/// Reads inline suppressions: `# ebguard:ignore EB-NET-010 reason: bastion-only` (or after `//`).
///
/// A comment alone on its line covers the next code line; a comment at the end of a line covers
/// that line. When the covered line starts a resource or block (a template logical id, a Terraform
/// `resource` block), the suppression covers that resource instead. A missing reason is recorded as
/// `reason: nil`: such a suppression does not suppress, it is reported.
enum Suppressions {
    static let marker = "ebguard:ignore"

    static func parse(text: String, path: String, anchors: [Int: String]) -> [InlineSuppression] {
        let lines = TextLines.split(text)
        var output: [InlineSuppression] = []
        for (index, line) in lines.enumerated() {
            guard let markerRange = line.range(of: marker) else { continue }
            let before = line[..<markerRange.lowerBound]
            guard let commentStart = commentStart(in: before) else { continue }
            let code = before[..<commentStart].trimmingCharacters(in: .whitespaces)
            let covered: Int
            if !code.isEmpty {
                covered = index + 1
            } else {
                var next = index + 1
                while next < lines.count, isBlankOrComment(lines[next]) { next += 1 }
                covered = next < lines.count ? next + 1 : index + 1
            }
            let (ids, reason) = parseBody(line[markerRange.upperBound...])
            let column = line.distance(from: line.startIndex, to: commentStart) + 1
            for id in ids {
                let resource = anchors[covered]
                output.append(InlineSuppression(controlId: id, reason: reason, resource: resource, line: resource == nil ? covered : nil,
                                                origin: .file(path, line: index + 1, column: column)))
            }
        }
        return output
    }

    /// The start of the comment that holds the marker: `#` or `//` (or `/*`), outside quotes.
    private static func commentStart(in prefix: Substring) -> Substring.Index? {
        var index = prefix.endIndex
        while index > prefix.startIndex {
            index = prefix.index(before: index)
            let character = prefix[index]
            if character == "#" { return index }
            if character == "/" || character == "*", index > prefix.startIndex, prefix[prefix.index(before: index)] == "/" {
                return prefix.index(before: index)
            }
        }
        return nil
    }

    private static func isBlankOrComment(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") || trimmed.hasPrefix("/*") || trimmed.hasPrefix("*")
    }

    /// `EB-NET-010, EB-NET-004 reason: text` → ids and reason (`nil` when absent or empty).
    private static func parseBody(_ body: Substring) -> ([String], String?) {
        var idsPart = body
        var reason: String?
        if let range = body.range(of: "reason:", options: .caseInsensitive) {
            idsPart = body[..<range.lowerBound]
            var text = body[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("*/") { text = String(text.dropLast(2)).trimmingCharacters(in: .whitespaces) }
            reason = text.isEmpty ? nil : text
        }
        let ids = idsPart.split { $0 == " " || $0 == "," || $0 == "\t" }
            .map { String($0) }
            .filter { id in id.contains("-") && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && id.first?.isLetter == true }
        return (ids, reason)
    }
}
