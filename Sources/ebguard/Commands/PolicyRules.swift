import Controls

/// The finding ids `ebguard policy check` reports: catalog ids where the catalog's control is the
/// same analysis, and two `EB-POLICY-*` ids for what only applies to loose documents.
struct PolicyRule: Sendable {
    let id: String
    let severity: Severity
    let title: String
    let fix: String

    /// A catalog control's id and severity, with a title worded for a policy file.
    init(catalog id: String, title: String, fix: String) {
        self.id = id
        severity = Catalog.standard.control(id: id)?.severity ?? .high
        self.title = title
        self.fix = fix
    }

    init(id: String, severity: Severity, title: String, fix: String) {
        self.id = id
        self.severity = severity
        self.title = title
        self.fix = fix
    }

    static let admin = PolicyRule(catalog: "EB-IAM-003", title: "The policy grants no administrative access",
                                  fix: "Remove `*`/`iam:*` on `*` and Allow+NotAction statements; grant the actions used on the resources used (`ebguard policy tighten`).")
    static let wildcards = PolicyRule(catalog: "EB-IAM-004", title: "The policy has no service-wide wildcards on all resources",
                                      fix: "Replace each `<service>:*` on `*` with the actions used, on the resources used.")
    static let escalation = PolicyRule(catalog: "EB-IAM-005", title: "The policy opens no privilege-escalation path",
                                       fix: "Remove IAM write actions and `iam:PassRole`/`sts:AssumeRole` on `*`; scope PassRole to named roles with an iam:PassedToService condition.")
    static let trust = PolicyRule(catalog: "EB-IAM-007", title: "The trust policy lets only intended principals assume the role",
                                  fix: "Trust named service principals or accounts, with sts:ExternalId, aws:PrincipalOrgID or aws:SourceAccount/SourceArn for other accounts, and subject/audience conditions for identity providers.")
    static let secrets = PolicyRule(catalog: "EB-IAM-011", title: "The policy reads only named secrets, parameters and keys",
                                    fix: "Name the secret ARNs, parameter paths and key ARNs the workload reads instead of `*`.")
    /// Services or actions IAM does not define: in AWS they silently grant (or deny) nothing.
    static let unknownActions = PolicyRule(id: "EB-POLICY-001", severity: .low, title: "The policy names only services and actions IAM defines",
                                           fix: "Correct the misspelt service prefix or action name (IAM ignores unknown actions, so the statement does not do what it says).")
    /// A resource policy open to anyone.
    static let publicAccess = PolicyRule(id: "EB-POLICY-002", severity: .high, title: "The resource policy grants nothing to everyone",
                                         fix: "Name the principals, or add a condition on aws:PrincipalOrgID, aws:SourceAccount/SourceArn or aws:SourceVpce.")
}
