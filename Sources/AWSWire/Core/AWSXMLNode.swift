import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element as a small immutable tree: what Query, EC2 and REST-XML services answer.
///
/// Named `AWSXMLNode` because Foundation already has an `XMLNode` class. Helpers read nested
/// fields by element name and unwrap AWS list wrappers (`member`, `item`), so collector code can
/// map any response without generated shapes.
public struct AWSXMLNode: Sendable, Hashable {
    /// The element name without namespace prefix.
    public let name: String
    /// The attributes.
    public let attributes: [String: String]
    /// Child elements in document order.
    public let children: [AWSXMLNode]
    /// The character data directly inside this element (exact for leaves; trimmed when the
    /// element has children, where it is only indentation).
    public let text: String

    /// Creates a node.
    public init(name: String, attributes: [String: String] = [:], children: [AWSXMLNode] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element named `name`.
    public subscript(name: String) -> AWSXMLNode? { children.first { $0.name == name } }

    /// All child elements named `name`.
    public func children(named name: String) -> [AWSXMLNode] { children.filter { $0.name == name } }

    /// Follows child element names.
    public func node(_ path: String...) -> AWSXMLNode? { node(atPath: path) }

    /// Follows child element names given as an array.
    public func node(atPath path: [String]) -> AWSXMLNode? {
        var current: AWSXMLNode? = self
        for name in path { current = current?[name] }
        return current
    }

    /// The text of the element at `path`, or `nil` if it is absent.
    public func string(_ path: String...) -> String? { node(atPath: path)?.text }

    /// The element at `path` read as `true`/`false`.
    public func bool(_ path: String...) -> Bool? {
        switch node(atPath: path)?.text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The element at `path` read as an integer.
    public func int(_ path: String...) -> Int? { node(atPath: path).flatMap { Int($0.text.trimmingCharacters(in: .whitespaces)) } }

    /// The entries of the list at `path`: its `member` or `item` children (Query and EC2
    /// wrappers), or all children when the list is unwrapped.
    public func list(_ path: String...) -> [AWSXMLNode] {
        guard let container = node(atPath: path) else { return [] }
        let wrapped = container.children.filter { $0.name == "member" || $0.name == "item" }
        return wrapped.isEmpty ? container.children : wrapped
    }

    /// Converts the tree to `JSONValue` (elements to objects, repeated names and list wrappers
    /// to arrays, leaves to strings), for callers that prefer one tree type.
    public var jsonValue: JSONValue {
        if children.isEmpty { return .string(text) }
        if children.allSatisfy({ $0.name == "member" || $0.name == "item" }) {
            return .array(children.map(\.jsonValue))
        }
        var object: [String: JSONValue] = [:]
        for child in children {
            if let existing = object[child.name] {
                if case .array(let items) = existing, children(named: child.name).count > 1 {
                    object[child.name] = .array(items + [child.jsonValue])
                } else {
                    object[child.name] = .array([existing, child.jsonValue])
                }
            } else {
                object[child.name] = child.jsonValue
            }
        }
        return .object(object)
    }

    /// Parses an XML document and returns its root element.
    public static func parse(_ bytes: [UInt8]) throws -> AWSXMLNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), let root = builder.root else {
            throw XMLParseError(reason: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    /// An XML document could not be parsed.
    public struct XMLParseError: Error, Sendable, CustomStringConvertible {
        /// What the parser reported.
        public let reason: String
        public var description: String { "malformed XML: \(reason)" }
    }
}

/// Builds `AWSXMLNode`s from `XMLParser` events.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    struct Partial {
        var name: String
        var attributes: [String: String]
        var children: [AWSXMLNode] = []
        var text = ""
    }

    var stack: [Partial] = []
    var root: AWSXMLNode?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(Partial(name: local, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let done = stack.popLast() else { return }
        let text = done.children.isEmpty ? done.text : done.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let node = AWSXMLNode(name: done.name, attributes: done.attributes, children: done.children, text: text)
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }
}
