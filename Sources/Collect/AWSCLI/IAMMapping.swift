import Foundation
import Inventory

/// `iam get-account-authorization-details` → IAM inventory.
enum IAMMapping {
    static func authorizationDetails(_ json: JSONObject, origin: Origin) -> IAMInventory {
        var iam = IAMInventory(origin: origin)
        // Roles and users repeat the same policy documents: each distinct one is normalised once.
        let documents = ByteSpanMemo<String?>(limit: 1 << 14)
        for item in json.objects("RoleDetailList") {
            guard let name = item.string("RoleName") else { continue }
            var role = Role(name: name, arn: item.string("Arn"))
            role.path = item.string("Path")
            role.trustPolicy = PolicyText.normalize(item["AssumeRolePolicyDocument"], known: documents)
            role.inlinePolicies = item.objects("RolePolicyList").compactMap { policy in
                guard let policyName = policy.string("PolicyName") else { return nil }
                return InlinePolicy(name: policyName, document: PolicyText.normalize(policy["PolicyDocument"], known: documents))
            }
            role.attachedPolicyArns = item.objects("AttachedManagedPolicies").compactMap { $0.string("PolicyArn") }
            role.permissionsBoundaryArn = item.object("PermissionsBoundary")?.string("PermissionsBoundaryArn")
            role.tags = item.tags()
            role.origin = origin
            iam.roles[name] = role
            for profile in item.objects("InstanceProfileList") {
                guard let profileName = profile.string("InstanceProfileName") else { continue }
                let roles = profile.objects("Roles").compactMap { $0.string("RoleName") }
                iam.instanceProfiles[profileName] = InstanceProfile(name: profileName, arn: profile.string("Arn"), roleNames: roles, origin: origin)
            }
        }
        for item in json.objects("Policies") {
            guard let arn = item.string("Arn"), let name = item.string("PolicyName") else { continue }
            let defaultVersion = item.objects("PolicyVersionList").first { $0.bool("IsDefaultVersion") == true }
            iam.managedPolicies[arn] = ManagedPolicy(arn: arn, name: name, document: PolicyText.normalize(defaultVersion?["Document"], known: documents), origin: origin)
        }
        if json["UserDetailList"] != nil {
            var users: [String: User] = [:]
            for item in json.objects("UserDetailList") {
                guard let name = item.string("UserName") else { continue }
                var user = User(name: name, arn: item.string("Arn"))
                user.inlinePolicies = item.objects("UserPolicyList").compactMap { policy in
                    policy.string("PolicyName").map { InlinePolicy(name: $0, document: PolicyText.normalize(policy["PolicyDocument"], known: documents)) }
                }
                user.attachedPolicyArns = item.objects("AttachedManagedPolicies").compactMap { $0.string("PolicyArn") }
                user.origin = origin
                users[name] = user
            }
            iam.users = users
        }
        return iam
    }
}
