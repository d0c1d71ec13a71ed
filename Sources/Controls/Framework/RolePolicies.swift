import Foundation
import IAMPolicy
import Inventory

/// A role's effective policies, parsed once.
///
/// A class: the audit's policy store hands the same value to every control of every environment
/// that uses the role, and a reference is passed on without copying the principal. The analyses
/// of the principal are kept apart (`PrincipalAnalyses`, shared by roles made of the same
/// documents), since most roles an audit resolves — service and operator roles — never need them.
final class RolePolicies: Sendable {
    let role: Role
    /// `nil` when the role's policies were not collected or could not be parsed.
    let principal: PrincipalPolicies?
    /// Why `principal` is nil or incomplete (unparseable documents, unknown managed policies).
    let problems: [String]

    convenience init(role: Role, iam: IAMInventory, documents: PolicyDocumentCache? = nil) {
        self.init(role: role, resolved: RolePrincipal.resolve(role, in: iam, documents: documents))
    }

    /// The role's policies as the audit's store resolves them: customer managed documents are read
    /// where the store holds them (copying the inventory's IAM value out retained each of its
    /// tables, shared by both evaluation threads, for every role).
    convenience init(role: Role, store: PolicyStore) {
        self.init(role: role, resolved: RolePrincipal.resolve(role, managedDocument: { store.managedPolicies[$0]?.document }, documents: store.documents))
    }

    private init(role: Role, resolved: (principal: PrincipalPolicies, problems: [String])?) {
        self.role = role
        guard let resolved else {
            principal = nil
            problems = ["policies of role \(role.name) not collected"]
            return
        }
        principal = resolved.principal
        problems = resolved.problems
    }

    /// True when every policy was read: "not allowed" then really means not allowed.
    var isComplete: Bool {
        // (Matched in place: comparing the optional with nil copied the whole principal.)
        guard case .some = principal else { return false }
        return problems.isEmpty
    }
}

/// The environment's instance role as the instance-role controls see it: its policies, resolved,
/// and the analyses of its principal.
struct InstanceRolePolicies {
    let policies: RolePolicies
    let analyses: PrincipalAnalyses
    /// The role as the findings' resource (every instance-role control names it).
    let ref: ResourceRef

    var principal: PrincipalPolicies { analyses.principal }
    var problems: [String] { policies.problems }
    var isComplete: Bool { policies.isComplete }
    /// The role's granted actions, worked out once for the coverage and tighten analyses.
    var granted: GrantedActions { analyses.granted }
}

/// The analyses of one principal, each worked out when first asked for.
///
/// Shared by every role whose principal is the same parsed documents under the same names
/// (`PrincipalIdentity`): a fleet's roles come from a few templates, so one administrator role's
/// escalation paths, or one operator policy's granted actions, serve the whole fleet. Each
/// analysis runs only if a control asks for it (the audit reads four of `PolicyAnalysis.analyze`'s
/// six, and some principals only their granted actions).
final class PrincipalAnalyses: @unchecked Sendable {
    let principal: PrincipalPolicies
    /// Guards the results below (worked out under it: a principal's controls rarely race).
    private let lock = NSLock()
    private var administrative: [AdministrativeAccess]?
    private var wildcards: [ServiceWildcard]?
    private var escalation: [PrivilegeEscalation]?
    private var secretReads: [SecretReadScope]?
    private var grantedActions: GrantedActions?

    init(_ principal: PrincipalPolicies) {
        self.principal = principal
    }

    /// `PolicyAnalysis.administrativeAccess` (EB-IAM-003).
    var administrativeAccess: [AdministrativeAccess] { remembered(&administrative) { PolicyAnalysis.administrativeAccess($0) } }

    /// `PolicyAnalysis.serviceWideWildcards` (EB-IAM-004).
    var serviceWideWildcards: [ServiceWildcard] { remembered(&wildcards) { PolicyAnalysis.serviceWideWildcards($0) } }

    /// `PolicyAnalysis.privilegeEscalation` over the standard paths (EB-IAM-005).
    var privilegeEscalation: [PrivilegeEscalation] { remembered(&escalation) { PolicyAnalysis.privilegeEscalation($0) } }

    /// `PolicyAnalysis.secretReadScope` over the standard actions, the unscoped ones only (EB-IAM-011).
    var unscopedSecretReads: [SecretReadScope] { remembered(&secretReads) { PolicyAnalysis.secretReadScope($0, minimum: .typeWide) } }

    /// `PolicyAnalysis.granted`, for the coverage and tighten analyses (EB-IAM-008, EB-IAM-012).
    var granted: GrantedActions { remembered(&grantedActions) { PolicyAnalysis.granted($0) } }

    private func remembered<Value>(_ slot: inout Value?, _ compute: (PrincipalPolicies) -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let known = slot { return known }
        let value = compute(principal)
        slot = value
        return value
    }
}

/// A role's effective policies from an inventory: inline policies, attached managed policies
/// (customer managed from the source, AWS managed from the bundled set) and the permissions boundary.
public enum RolePrincipal {
    /// `nil` when the source did not collect the role's policies; otherwise the principal and the
    /// documents that could not be read (the principal is then incomplete). `documents` shares
    /// parsed documents between roles (an audit passes one for the whole run).
    public static func resolve(_ role: Role, in iam: IAMInventory, documents: PolicyDocumentCache? = nil) -> (principal: PrincipalPolicies, problems: [String])? {
        resolve(role, managedDocument: { iam.managedPolicies[$0]?.document }, documents: documents)
    }

    /// `resolve(_:in:documents:)` with customer managed documents (their texts by ARN) read by `managedDocument`.
    static func resolve(_ role: Role, managedDocument: (String) -> String?, documents: PolicyDocumentCache?) -> (principal: PrincipalPolicies, problems: [String])? {
        guard let inlinePolicies = role.inlinePolicies, let attached = role.attachedPolicyArns else { return nil }
        func parse(_ json: String) throws(PolicyParseError) -> PolicyDocument {
            if let documents { return try documents.document(json: json) }
            return try PolicyDocument(json: json)
        }
        var problems: [String] = []
        var inline: [NamedPolicy] = []
        for policy in inlinePolicies {
            guard let json = policy.document else { problems.append("inline policy \(policy.name) of \(role.name) not readable"); continue }
            do { inline.append(NamedPolicy(name: policy.name, document: try parse(json))) } catch { problems.append("inline policy \(policy.name) of \(role.name): \(error)") }
        }
        var customer: [String: PolicyDocument] = [:]
        for arn in attached {
            guard let json = managedDocument(arn) else { continue }
            do { customer[arn] = try parse(json) } catch { problems.append("managed policy \(arn): \(error)") }
        }
        var boundary: PolicyDocument?
        if let boundaryArn = role.permissionsBoundaryArn {
            if let json = managedDocument(boundaryArn), let document = try? parse(json) {
                boundary = document
            } else if let document = ManagedPolicies.document(arn: boundaryArn) {
                boundary = document
            } else {
                problems.append("permissions boundary \(boundaryArn) not readable")
            }
        }
        let principal = PrincipalPolicies.resolving(inline: inline, managedArns: attached, customerManaged: customer, permissionsBoundary: boundary)
        problems += principal.unresolvedPolicyArns.map { "managed policy \($0) not in the inventory or the bundled AWS set" }
        return (principal, problems)
    }
}

extension EnvironmentContext {
    /// A role by name or ARN; `nil` when IAM was not collected or the role is absent.
    public func role(named reference: String) -> Role? {
        policies.roles?[RoleReference.name(reference)]
    }

    /// True when the source collected IAM (roles, instance profiles, policies).
    var hasIAM: Bool { policies.roles != nil }

    /// The instance profile named by `IamInstanceProfile` (looked up once per environment: the
    /// instance-role controls all start from it).
    public var instanceProfile: InstanceProfile? { heldInstanceProfile?.value }

    /// The role inside the instance profile (or a role of the same name, as the console creates them),
    /// looked up once per environment: the trust, managed-policy and naming controls all ask.
    public var instanceRole: Role? { heldInstanceRole?.value }

    /// The role named by `ServiceRole` (looked up once per environment).
    public var serviceRole: Role? { heldServiceRole?.value }

    /// `instanceProfile`, read in place (see `Held`).
    var heldInstanceProfile: Held<InstanceProfile>? {
        joins.instanceProfile ?? remember(\.instanceProfile) {
            guard case .known(let value?) = optionText("aws:autoscaling:launchconfiguration", "IamInstanceProfile") else { return nil }
            return policies.instanceProfiles?[ARN.lastName(of: value)].map(Held.init)
        }
    }

    /// `instanceRole`, read in place (see `Held`).
    var heldInstanceRole: Held<Role>? {
        joins.instanceRole ?? remember(\.instanceRole) {
            guard let name = heldInstanceProfile?.value.roleNames.first else { return nil }
            return policies.roles?[name].map(Held.init)
        }
    }

    /// `serviceRole`, read in place (see `Held`).
    var heldServiceRole: Held<Role>? {
        joins.serviceRole ?? remember(\.serviceRole) {
            guard case .known(let value?) = optionText("aws:elasticbeanstalk:environment", "ServiceRole") else { return nil }
            return policies.roles?[RoleReference.name(value)].map(Held.init)
        }
    }

    /// The role's policies, resolved once per audit.
    func policies(of role: Role) -> RolePolicies { policies(ofRole: role.name) { role } }

    /// `policies(of:)` of a role the joins hold, read in place (it is copied only into the
    /// policies when they are first built).
    func policies(of role: Held<Role>) -> RolePolicies { policies(ofRole: role.value.name) { role.value } }

    /// The policies of the role `name`, built from `role()` the first time they are asked for.
    private func policies(ofRole name: String, _ role: () -> Role) -> RolePolicies {
        guard hasIAM else { return RolePolicies(role: role(), iam: IAMInventory()) }
        let store = policies
        return store.policies(forRole: name) { RolePolicies(role: role(), store: store) }
    }

    /// The policies of the role a setting names (by name or ARN); `nil` when the role is absent.
    /// The role is copied out of the inventory only when its policies are first built.
    func policies(ofRoleNamed reference: String) -> RolePolicies? {
        let name = RoleReference.name(reference)
        if let known = policies.knownPolicies(forRole: name) { return known }
        guard let role = policies.roles?[name] else { return nil }
        return policies(of: role)
    }

    /// Resolves the instance role, its policies and their analyses, or says why not (once per
    /// environment: seven controls ask).
    func instanceRolePolicies() -> Result<InstanceRolePolicies, RoleProblem> {
        joins.instanceRolePolicies ?? remember(\.instanceRolePolicies) { resolveInstanceRolePolicies() }
    }

    private func resolveInstanceRolePolicies() -> Result<InstanceRolePolicies, RoleProblem> {
        guard hasIAM else { return .failure(.unknown(gapReason(.iamRoles, fallback: "IAM roles not collected"))) }
        let profileOption = option("aws:autoscaling:launchconfiguration", "IamInstanceProfile")
        guard case .known(let profileName, _) = profileOption else {
            if case .unknown(let reason) = profileOption { return .failure(.unknown(reason)) }
            return .failure(.unknown("instance profile unknown"))
        }
        guard let profileName else { return .failure(.notApplicable("no instance profile configured (see EB-IAM-002)")) }
        guard let profile = heldInstanceProfile else {
            return .failure(.unknown(gapReason(.instanceProfiles, resource: profileName, fallback: "instance profile \(profileName) not in the inventory")))
        }
        guard let name = profile.value.roleNames.first else { return .failure(.notApplicable("instance profile \(profile.value.name) holds no role (see EB-IAM-002)")) }
        guard let role = heldInstanceRole else {
            return .failure(.unknown(gapReason(.iamRoles, resource: name, fallback: "role \(name) not in the inventory")))
        }
        let policies = policies(of: role)
        guard let principal = policies.principal else {
            return .failure(.unknown(gapReason(.iamPolicies, resource: name, fallback: policies.problems.joined(separator: "; "))))
        }
        return .success(InstanceRolePolicies(policies: policies, analyses: self.policies.analyses(of: principal), ref: roleRef(role)))
    }

    func roleRef(_ role: Role) -> ResourceRef { roleRef(arn: role.arn, name: role.name) }

    /// `roleRef` of a role the joins hold, read in place.
    func roleRef(_ role: Held<Role>) -> ResourceRef { roleRef(arn: role.value.arn, name: role.value.name) }

    /// A role as a finding's resource: by ARN when known, else by name.
    private func roleRef(arn: String?, name: String) -> ResourceRef { ref("AWS::IAM::Role", arn ?? name, name: name) }

    /// Shared shape of the instance-role analyses: findings → fail; incomplete policies → not-assessed; else pass.
    func evaluateInstanceRole<Found: AnalysisFinding>(_ findings: (PrincipalAnalyses) -> [Found], clean: String) -> [Outcome] {
        switch instanceRolePolicies() {
        case .failure(.unknown(let reason)): return [.notAssessed(reason)]
        case .failure(.notApplicable(let reason)): return [.notApplicable(reason)]
        case .success(let policies):
            // (The role is read where its policies hold it, not copied out.)
            let role = policies.policies
            let found = findings(policies.analyses)
            if !found.isEmpty {
                return [.fail(found.map { $0.isConditional ? $0.summary + " (conditional)" : $0.summary }, resource: policies.ref, origin: role.role.origin)]
            }
            if !role.problems.isEmpty { return [.notAssessed(role.problems.joined(separator: "; "), resource: policies.ref)] }
            return [.pass(FastText.joined("role ", role.role.name, ": ", clean), resource: policies.ref, origin: role.role.origin)]
        }
    }
}

/// The role name a setting refers to, by name or by ARN.
enum RoleReference {
    /// `ARN.lastName(of:)` read off the bytes in one pass: the last non-empty `/`-separated part
    /// of the ARN's resource (after its fifth colon); a plain name as it is. (Every environment
    /// names its operations role by ARN, and splitting it cost more than the lookup it feeds.)
    static func name(_ reference: String) -> String {
        let bytes = reference.utf8
        guard bytes.starts(with: "arn:".utf8) else { return reference }
        var resourceStart = bytes.startIndex
        var colons = 0
        var position = bytes.startIndex
        while position != bytes.endIndex, colons < 5 {
            if bytes[position] == UInt8(ascii: ":") {
                colons += 1
                resourceStart = bytes.index(after: position)
            }
            position = bytes.index(after: position)
        }
        // Trailing slashes end no part; a resource of slashes alone (or nothing) is returned whole.
        var end = bytes.endIndex
        while end != resourceStart, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        guard end != resourceStart else { return String(reference[resourceStart...]) }
        var start = end
        while start != resourceStart, bytes[bytes.index(before: start)] != UInt8(ascii: "/") { start = bytes.index(before: start) }
        return String(reference[start..<end])
    }
}

enum RoleProblem: Error {
    case unknown(String)
    case notApplicable(String)
}
