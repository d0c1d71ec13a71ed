import Testing
@testable import IAMPolicy

/// Parses a policy in a test, failing the test (not crashing) on a parse error.
func doc(_ json: String) throws -> PolicyDocument {
    try PolicyDocument(json: json)
}

/// A principal with one inline policy.
func principal(_ json: String, boundary: String? = nil) throws -> PrincipalPolicies {
    PrincipalPolicies(policies: [NamedPolicy(name: "inline", document: try PolicyDocument(json: json))],
                      permissionsBoundary: try boundary.map { try PolicyDocument(json: $0) })
}
