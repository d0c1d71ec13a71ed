/// A known privilege-escalation path: a set of actions that, all allowed together, let a
/// principal gain more permissions than it was given (after Rhino Security Labs' catalogue).
public struct EscalationPath: Sendable, Hashable, Identifiable {
    /// One action the path needs, and whether it must reach (nearly) all resources.
    public struct Requirement: Sendable, Hashable {
        public var action: String
        /// When true the grant must be on `*`, `NotResource`, or a type-wide pattern (`role/*`):
        /// e.g. `iam:PassRole` scoped to one harmless role is not an escalation.
        public var needsBroadResource: Bool

        public init(_ action: String, broad: Bool = false) {
            self.action = action
            self.needsBroadResource = broad
        }
    }

    /// Stable id, e.g. `passrole-ec2`.
    public var id: String
    public var name: String
    /// All of these must be allowed.
    public var requirements: [Requirement]
    public var explanation: String

    public init(id: String, name: String, requirements: [Requirement], explanation: String) {
        self.id = id
        self.name = name
        self.requirements = requirements
        self.explanation = explanation
    }
}

extension EscalationPath {
    static func passRole(_ id: String, _ name: String, _ actions: [String], _ explanation: String) -> EscalationPath {
        EscalationPath(id: id, name: name, requirements: [Requirement("iam:PassRole", broad: true)] + actions.map { Requirement($0) },
                       explanation: explanation)
    }

    static func single(_ id: String, _ action: String, broad: Bool = false, _ explanation: String) -> EscalationPath {
        EscalationPath(id: id, name: action + (broad ? " on *" : ""), requirements: [Requirement(action, broad: broad)], explanation: explanation)
    }

    /// The table of paths `PolicyAnalysis.privilegeEscalation` checks.
    public static let all: [EscalationPath] = [
        single("create-policy-version", "iam:CreatePolicyVersion",
               "can write a new default version of a managed policy (including one attached to itself) granting anything"),
        single("set-default-policy-version", "iam:SetDefaultPolicyVersion",
               "can switch a managed policy to an older, more permissive version"),
        single("attach-user-policy", "iam:AttachUserPolicy", "can attach AdministratorAccess to a user it controls"),
        single("attach-group-policy", "iam:AttachGroupPolicy", "can attach AdministratorAccess to a group it belongs to"),
        single("attach-role-policy", "iam:AttachRolePolicy", "can attach AdministratorAccess to a role it can use (including itself)"),
        single("put-user-policy", "iam:PutUserPolicy", "can write an inline admin policy onto a user"),
        single("put-group-policy", "iam:PutGroupPolicy", "can write an inline admin policy onto a group"),
        single("put-role-policy", "iam:PutRolePolicy", "can write an inline admin policy onto a role (including itself)"),
        single("add-user-to-group", "iam:AddUserToGroup", "can join a more privileged group"),
        single("create-access-key", "iam:CreateAccessKey", "can mint access keys for other users and act as them"),
        single("create-login-profile", "iam:CreateLoginProfile", "can set a console password for a user that has none and log in as them"),
        single("update-login-profile", "iam:UpdateLoginProfile", "can reset another user's console password"),
        single("delete-role-boundary", "iam:DeleteRolePermissionsBoundary", "can remove the permissions boundary that limits a role"),
        single("delete-user-boundary", "iam:DeleteUserPermissionsBoundary", "can remove the permissions boundary that limits a user"),
        single("put-role-boundary", "iam:PutRolePermissionsBoundary", "can replace a role's permissions boundary with a looser one"),
        EscalationPath(id: "update-assume-role-policy", name: "iam:UpdateAssumeRolePolicy + sts:AssumeRole",
                       requirements: [Requirement("iam:UpdateAssumeRolePolicy"), Requirement("sts:AssumeRole")],
                       explanation: "can rewrite a privileged role's trust policy to trust itself, then assume it"),
        single("assume-any-role", "sts:AssumeRole", broad: true, "can assume any role whose trust policy trusts this account"),
        passRole("passrole-ec2", "iam:PassRole + ec2:RunInstances", ["ec2:RunInstances"],
                 "can launch an instance with a more privileged instance profile and use its credentials"),
        passRole("passrole-ec2-associate", "iam:PassRole + ec2:AssociateIamInstanceProfile", ["ec2:AssociateIamInstanceProfile"],
                 "can attach a more privileged instance profile to an instance it controls"),
        passRole("passrole-ec2-replace", "iam:PassRole + ec2:ReplaceIamInstanceProfileAssociation", ["ec2:ReplaceIamInstanceProfileAssociation"],
                 "can swap a more privileged instance profile onto an instance it controls"),
        passRole("passrole-lambda-invoke", "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
                 ["lambda:CreateFunction", "lambda:InvokeFunction"], "can create and run a function under a more privileged role"),
        passRole("passrole-lambda-esm", "iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping",
                 ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
                 "can create a function under a more privileged role and have an event source trigger it"),
        single("lambda-update-code", "lambda:UpdateFunctionCode",
               "can replace the code of an existing function and run it with that function's role"),
        single("lambda-update-configuration", "lambda:UpdateFunctionConfiguration",
               "can add a layer or change the handler of an existing function to run its own code under that function's role"),
        passRole("passrole-cloudformation", "iam:PassRole + cloudformation:CreateStack", ["cloudformation:CreateStack"],
                 "can create a stack whose service role creates any resource, including admin IAM entities"),
        passRole("passrole-glue-dev-endpoint", "iam:PassRole + glue:CreateDevEndpoint", ["glue:CreateDevEndpoint"],
                 "can create a Glue development endpoint with a more privileged role and log in to it"),
        single("glue-update-dev-endpoint", "glue:UpdateDevEndpoint", "can add its SSH key to an existing Glue endpoint and use its role"),
        passRole("passrole-glue-job", "iam:PassRole + glue:CreateJob + glue:StartJobRun", ["glue:CreateJob", "glue:StartJobRun"],
                 "can run a Glue job under a more privileged role"),
        passRole("passrole-datapipeline", "iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition",
                 ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"],
                 "can run pipeline activities under a more privileged role"),
        passRole("passrole-ecs", "iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask", ["ecs:RegisterTaskDefinition", "ecs:RunTask"],
                 "can run a container task under a more privileged task role"),
        passRole("passrole-codebuild", "iam:PassRole + codebuild:CreateProject + codebuild:StartBuild", ["codebuild:CreateProject", "codebuild:StartBuild"],
                 "can run build commands under a more privileged service role"),
        passRole("passrole-sagemaker-notebook", "iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl",
                 ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
                 "can open a notebook running under a more privileged role"),
        passRole("passrole-sagemaker-training", "iam:PassRole + sagemaker:CreateTrainingJob", ["sagemaker:CreateTrainingJob"],
                 "can run a training container under a more privileged role"),
        passRole("passrole-autoscaling", "iam:PassRole + autoscaling:CreateLaunchConfiguration + autoscaling:CreateAutoScalingGroup",
                 ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"],
                 "can launch instances with a more privileged instance profile through Auto Scaling"),
        passRole("passrole-elasticbeanstalk", "iam:PassRole + elasticbeanstalk:CreateEnvironment", ["elasticbeanstalk:CreateEnvironment"],
                 "can create an Elastic Beanstalk environment whose instances or service role are more privileged"),
        EscalationPath(id: "cloudformation-change-set", name: "cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet",
                       requirements: [Requirement("cloudformation:CreateChangeSet"), Requirement("cloudformation:ExecuteChangeSet")],
                       explanation: "can change an existing stack so its (more privileged) service role creates what it asks for"),
        EscalationPath(id: "ec2-user-data", name: "ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances",
                       requirements: [Requirement("ec2:ModifyInstanceAttribute"), Requirement("ec2:StopInstances"), Requirement("ec2:StartInstances")],
                       explanation: "can rewrite an instance's user data and restart it, running its code under the instance's role"),
        EscalationPath(id: "ec2-launch-template", name: "ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate",
                       requirements: [Requirement("ec2:CreateLaunchTemplateVersion"), Requirement("ec2:ModifyLaunchTemplate")],
                       explanation: "can make its own version the default of a launch template, so new instances run its code under their role"),
        single("ec2-instance-connect", "ec2-instance-connect:SendSSHPublicKey",
               "can push an SSH key to an instance and log in, using the instance's role"),
        single("ecs-execute-command", "ecs:ExecuteCommand", "can open a shell in a running task and use its task role"),
        single("sagemaker-notebook-url", "sagemaker:CreatePresignedNotebookInstanceUrl",
               "can open an existing notebook instance and use its role"),
        EscalationPath(id: "ssm-send-command", name: "ssm:SendCommand on *",
                       requirements: [Requirement("ssm:SendCommand", broad: true)],
                       explanation: "can run commands on other instances and use their instance roles"),
    ]
}
