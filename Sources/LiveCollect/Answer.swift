import AWSWire
import Collect
import Foundation
import Inventory
import SigV4

/// The outcome of one logical fetch: its pages (possibly partial) and, when it failed, the gap.
struct Answer: Sendable {
    var kind: LiveResponseKind
    var fact: FactKind
    var pages: [AWSResponse]
    var gap: CollectionGap?
    /// The region the answer came from; nil for global services (IAM, STS, S3 Control). Facts
    /// are joined to environments by region and name, so two environments with one name in two
    /// regions never share settings or resources.
    var region: String? = nil

    /// The pages as AWS CLI-shaped trees.
    var trees: [[String: Any]] { pages.map(ResponseTree.object) }

    /// Whether the fetch completed (no gap, or a gap that only says "none exists").
    var succeeded: Bool { gap == nil }
}

/// Sends calls for one region and turns failures into `CollectionGap`s naming the fact family,
/// the operation and the resource.
struct Fetcher: Sendable {
    let client: AWSClient
    var region: String { client.region }

    /// Global services (IAM, STS, S3 Control) are not "in" a region.
    func place(_ operation: AWSOperation) -> String? {
        ["iam", "sts", "s3control"].contains(operation.service.id) ? nil : region
    }

    /// A paginated Query/EC2/JSON operation.
    func fetch(_ operation: AWSOperation, _ parameters: JSONValue = [:], kind: LiveResponseKind, fact: FactKind,
               resource: String? = nil, maxPages: Int = 100) async -> Answer {
        var pages: [AWSResponse] = []
        do {
            for try await page in client.pages(operation, parameters, maxPages: maxPages) { pages.append(page) }
            return Answer(kind: kind, fact: fact, pages: pages, gap: nil, region: place(operation))
        } catch {
            return Answer(kind: kind, fact: fact, pages: pages, gap: Self.gap(error, fact: fact, operation: operation, resource: resource, region: place(operation)), region: place(operation))
        }
    }

    /// A single REST-XML call (S3, S3 Control). `absentCodes` are the error codes that mean
    /// "nothing configured" (e.g. `NoSuchPublicAccessBlockConfiguration`): they give `absent`, not a gap.
    func rest(_ operation: AWSOperation, _ request: RESTRequest, kind: LiveResponseKind, fact: FactKind, resource: String?,
              absentCodes: Set<String>, absent: [UInt8]) async -> Answer {
        do {
            return Answer(kind: kind, fact: fact, pages: [try await client.rest(operation, request)], gap: nil, region: place(operation))
        } catch let error as AWSError where error.code.map(absentCodes.contains) == true {
            let xml = try? AWSXMLNode.parse(absent)
            let synthetic = AWSResponse(operation: operation, status: 200, headers: HTTPHeaderList(), body: absent, xml: xml, json: nil)
            return Answer(kind: kind, fact: fact, pages: [synthetic], gap: nil, region: place(operation))
        } catch {
            return Answer(kind: kind, fact: fact, pages: [], gap: Self.gap(error, fact: fact, operation: operation, resource: resource, region: place(operation)), region: place(operation))
        }
    }

    /// The gap for a failed call: access denied, throttled past retries, or any other error.
    static func gap(_ error: any Error, fact: FactKind, operation: AWSOperation, resource: String?, region: String?) -> CollectionGap {
        let place = region.map { "in \($0)" }
        guard let error = error as? AWSError else {
            return CollectionGap(fact: fact, operation: operation.description, resource: resource, reason: .error,
                                 message: [place, String(describing: type(of: error))].compactMap { $0 }.joined(separator: ": "))
        }
        switch error {
        case .accessDenied(_, let code, _):
            return CollectionGap(fact: fact, operation: operation.description, resource: resource, reason: .accessDenied, message: join(place, code))
        case .throttled(_, let code, let attempts):
            return CollectionGap(fact: fact, operation: operation.description, resource: resource, reason: .throttled,
                                 message: join(place, "\(code) after \(attempts) attempts"))
        default:
            return CollectionGap(fact: fact, operation: operation.description, resource: resource, reason: .error, message: join(place, error.code.map { "\($0)" } ?? error.findingReason))
        }
    }

    private static func join(_ place: String?, _ detail: String) -> String {
        [place, detail].compactMap { $0 }.joined(separator: ", ")
    }
}
