import Controls
import Foundation
import IAMPolicy
import Inventory

/// Runs the Layer 1 analyses over one policy file and turns the results into report findings.
///
/// An identity policy gets the admin, wildcard, escalation and secret-scope analyses; a document
/// with `Principal`/`NotPrincipal` is a trust or resource policy and gets the trust and
/// public-access analyses. Both get the unknown-action check.
struct PolicyFileChecker: Sendable {
    /// The account the policies belong to: trust in other accounts without a condition is flagged.
    var ownAccount: String?

    /// Findings for one file, or the problem that kept it from being read.
    func check(file: String, data: Data) -> Result<[Finding], InputProblem> {
        let bytes = [UInt8](data)
        let document: PolicyDocument
        do {
            document = try PolicyDocument(data: data)
        } catch {
            let position = StatementLocator.line(of: error, in: bytes)
            return .failure(InputProblem(file: file, line: position?.line, column: position?.column, message: "not a valid IAM policy: \(error)"))
        }
        return .success(findings(file: file, document: document, lines: StatementLocator.lines(in: bytes)))
    }

    /// Findings for a parsed document; `lines[i]` is the line of `Statement[i]` when known.
    func findings(file: String, document: PolicyDocument, lines: [Int]) -> [Finding] {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let output = FindingBuilder(file: file, lines: lines)
        let principal = PrincipalPolicies(policies: [NamedPolicy(name: name, document: document)])
        let unknown = output.findings(.unknownActions, PolicyAnalysis.unknownActions(principal), clean: "every service and action is known")
        guard PolicyAnalysis.isResourcePolicy(document) else {
            let report = PolicyAnalysis.analyze(principal)
            return output.findings(.admin, report.administrativeAccess, clean: "no administrative access")
                + output.findings(.wildcards, report.serviceWideWildcards, clean: "no service-wide wildcard on *")
                + output.findings(.escalation, report.privilegeEscalation, clean: "no privilege-escalation path")
                + output.findings(.secrets, report.secretReadScope.filter(\.isUnscoped), clean: "secret reads scoped to named resources")
                + unknown
        }
        var result: [Finding] = []
        if !TrustAnalysis.trustedPrincipals(document).isEmpty {
            result += output.findings(.trust, TrustAnalysis.analyze(document, ownAccount: ownAccount), clean: "no open or unconditioned trust")
        }
        return result + output.findings(.publicAccess, PolicyAnalysis.publicAccess(document, policyName: name), clean: "nothing granted to everyone") + unknown
    }
}

/// Builds findings for one file: one failing finding per rule and statement (the statement of
/// the first evidence), or one passing finding per rule.
struct FindingBuilder {
    let file: String
    let lines: [Int]

    var resource: ResourceRef { ResourceRef(type: "AWS::IAM::Policy", id: file, name: file) }

    func findings(_ rule: PolicyRule, _ items: [any AnalysisFinding], clean: String) -> [Finding] {
        guard !items.isEmpty else {
            return [Finding(control: rule.id, verdict: .pass, severity: rule.severity, layer: .identity, title: rule.title,
                            resource: resource, evidence: [clean], location: Location(file: file), source: file)]
        }
        var order: [Int] = []
        var groups: [Int: [String]] = [:]
        for item in items {
            let statement = item.evidence.first?.statement.index ?? -1
            if groups[statement] == nil { order.append(statement) }
            groups[statement, default: []].append(item.summary + (item.isConditional ? " (conditional)" : ""))
        }
        return order.map { statement in
            let line = lines.indices.contains(statement) ? lines[statement] : nil
            return Finding(control: rule.id, verdict: .fail, severity: rule.severity, layer: .identity, title: rule.title,
                           resource: resource, evidence: groups[statement] ?? [], remediation: .manual(rule.fix),
                           location: Location(file: file, line: line), source: file)
        }
    }
}
