import SigV4

/// Extracts the error code and message from an error answer of each protocol.
enum ErrorDecoder {
    /// `(code, message)` from the body and headers; both may be `nil` (e.g. S3 HEAD answers).
    static func decode(protocol wire: AWSService.WireProtocol, status: Int, headers: HTTPHeaderList, body: [UInt8]) -> (code: String?, message: String?) {
        switch wire {
        case .json:
            let json = try? JSONValue.parse(body)
            let raw = headers["x-amzn-ErrorType"] ?? json?["__type"]?.string ?? json?["code"]?.string ?? json?["Code"]?.string
            let message = json?["message"]?.string ?? json?["Message"]?.string ?? json?["errorMessage"]?.string
            return (raw.map(sanitizeJSONCode), message)
        case .query, .ec2, .restXML:
            guard !body.isEmpty, let xml = try? AWSXMLNode.parse(body) else {
                return (headers["x-amz-error-code"] ?? headers["x-amzn-ErrorType"].map(sanitizeJSONCode), headers["x-amz-error-message"])
            }
            // Query: ErrorResponse/Error; EC2: Response/Errors/Error; S3: Error.
            let error = xml.name == "Error" ? xml : (xml["Error"] ?? xml.node("Errors", "Error"))
            return (error?.string("Code"), error?.string("Message"))
        }
    }

    /// `aws.protocoltests#FooError:http://…` → `FooError`.
    static func sanitizeJSONCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code).trimmingCharacters(in: .whitespaces)
    }
}
