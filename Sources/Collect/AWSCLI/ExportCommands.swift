import Inventory

/// The read-only AWS CLI commands whose outputs `ebguard audit --from-aws-cli` reads.
public enum ExportCommands {
    /// The command (service and operation, as the AWS CLI names them) that provides each fact family.
    static let factCommands: [(FactKind, String)] = [
        (.environments, "elasticbeanstalk describe-environments"),
        (.optionSettings, "elasticbeanstalk describe-configuration-settings"),
        (.environmentResources, "elasticbeanstalk describe-environment-resources"),
        (.platforms, "elasticbeanstalk describe-platform-version"),
        (.iamRoles, "iam get-account-authorization-details"),
        (.securityGroups, "ec2 describe-security-groups"),
        (.subnets, "ec2 describe-subnets"),
        (.routeTables, "ec2 describe-route-tables"),
        (.vpcs, "ec2 describe-vpcs"),
        (.vpcEndpoints, "ec2 describe-vpc-endpoints"),
        (.launchTemplates, "ec2 describe-launch-template-versions"),
        (.instances, "ec2 describe-instances"),
        (.ebsDefaults, "ec2 get-ebs-encryption-by-default"),
        (.autoScalingGroups, "autoscaling describe-auto-scaling-groups"),
        (.loadBalancers, "elbv2 describe-load-balancers"),
        (.listeners, "elbv2 describe-listeners"),
        (.listenerRules, "elbv2 describe-rules"),
        (.loadBalancerAttributes, "elbv2 describe-load-balancer-attributes"),
        (.bucketEncryption, "s3api get-bucket-encryption"),
        (.bucketPublicAccessBlock, "s3api get-public-access-block"),
        (.accountPublicAccessBlock, "s3control get-public-access-block"),
        (.databases, "rds describe-db-instances"),
        (.dbParameters, "rds describe-db-parameters"),
        (.kmsKeyRotation, "kms get-key-rotation-status"),
        (.trails, "cloudtrail describe-trails"),
        (.trailStatus, "cloudtrail get-trail-status"),
        (.cloudTrailEvents, "cloudtrail lookup-events"),
        (.alarms, "cloudwatch describe-alarms"),
        (.logGroups, "logs describe-log-groups"),
        (.configRecorders, "configservice describe-configuration-recorders"),
    ]

    /// A bash script that writes an export folder: one region per sub-folder, global services once.
    ///
    /// Regions run concurrently (each in a background subshell), because every AWS CLI call
    /// costs about half a second of start-up and regions share nothing. Environments are listed
    /// with `--no-include-deleted`, as the live collector lists them: the CLI's default also
    /// returns environments terminated in the last hour, which have no settings to read.
    public static func script(regions: [String], profile: String?, lookbackDays: Int = 90, folder: String = "ebguard-export") -> String {
        let profileFlag = profile.map { " --profile \(shellQuote($0))" } ?? ""
        var lines = [
            "#!/usr/bin/env bash",
            "# Read-only AWS CLI calls (Describe/Get/List/Lookup only) that produce a folder for:",
            "#   ebguard audit --from-aws-cli \(folder)",
            "# Each file is recognised by its content; files whose output does not name its resource are",
            "# named <resource>.<what>.json. A call that fails is reported and skipped; ebguard then says",
            "# which controls it could not assess and why.",
            "set -uo pipefail",
            "OUT=\"${1:-\(folder)}\"",
            "mkdir -p \"$OUT\"",
            "fail() { echo \"ebguard export: $*\" >&2; }",
            "# run FILE COMMAND...: write the JSON output of COMMAND to FILE, or report the failure.",
            "run() { local file=\"$1\"; shift; local err; if ! err=$(\"$@\" --output json 2>&1 >\"$file.tmp\"); then fail \"$* : $err\"; rm -f \"$file.tmp\"; return 1; fi; mv \"$file.tmp\" \"$file\"; }",
            "# ids FILE KEY: the string values of KEY in a JSON file this script wrote. Used for ids and ARNs",
            "# (no quotes or escapes in them), so that a list is read once, not again with --query: each",
            "# AWS CLI call costs about half a second before it sends anything.",
            #"ids() { [ -f "$1" ] && grep -oE "\"$2\" *: *\"[^\"]+\"" "$1" | sed -E 's/.*: *"([^"]+)"$/\1/'; }"#,
            "# The CloudTrail look-back start: GNU date, else BSD date (macOS).",
            "START=$(date -u -d '-\(lookbackDays) days' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v-\(lookbackDays)d +%Y-%m-%dT%H:%M:%SZ)",
            "",
            "# Global: identity, IAM, account-level S3 Block Public Access.",
            "G=\"aws\(profileFlag) --region \(regions.first ?? "us-east-1")\"",
            "run \"$OUT/caller-identity.json\" $G sts get-caller-identity",
            "ACCOUNT=$(ids \"$OUT/caller-identity.json\" Account)",
            "run \"$OUT/iam-authorization-details.json\" $G iam get-account-authorization-details",
            "if ! err=$($G s3control get-public-access-block --account-id \"$ACCOUNT\" --output json 2>&1 >\"$OUT/$ACCOUNT.public-access-block.json\"); then",
            "  rm -f \"$OUT/$ACCOUNT.public-access-block.json\"",
            "  case \"$err\" in *NoSuchPublicAccessBlockConfiguration*) echo '{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":false,\"IgnorePublicAcls\":false,\"BlockPublicPolicy\":false,\"RestrictPublicBuckets\":false}}' >\"$OUT/$ACCOUNT.public-access-block.json\";; *) fail \"s3control get-public-access-block: $err\";; esac",
            "fi",
        ]
        for region in regions {
            lines += [
                "",
                "# Region \(region), in the background (see `wait` at the end).",
                "(",
                "R=\"aws\(profileFlag) --region \(region)\"",
                "D=\"$OUT/\(region)\"; mkdir -p \"$D\"",
                "run \"$D/environments.json\" $R elasticbeanstalk describe-environments --no-include-deleted",
                "ENVS=$($R elasticbeanstalk describe-environments --no-include-deleted --query 'Environments[].[ApplicationName,EnvironmentName,EnvironmentArn,PlatformArn]' --output text)",
                // Tab-separated rows: application names may hold spaces, platform ARNs do.
                "while IFS=$'\\t' read -r app env arn platform; do",
                "  [ -n \"$env\" ] || continue",
                "  run \"$D/config-$env.json\" $R elasticbeanstalk describe-configuration-settings --application-name \"$app\" --environment-name \"$env\"",
                "  run \"$D/resources-$env.json\" $R elasticbeanstalk describe-environment-resources --environment-name \"$env\"",
                "  for id in $(ids \"$D/resources-$env.json\" Id | grep '^i-'); do",
                "    run \"$D/cloudtrail-activity-$id.json\" $R cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=\"$id\" --start-time \"$START\"",
                "  done",
                "  [ -n \"$arn\" ] && [ \"$arn\" != None ] && run \"$D/tags-$env.json\" $R elasticbeanstalk list-tags-for-resource --resource-arn \"$arn\"",
                "done <<< \"$ENVS\"",
                "n=0; cut -f4 <<< \"$ENVS\" | sort -u | while read -r arn; do",
                "  [ -n \"$arn\" ] && [ \"$arn\" != None ] || continue; n=$((n+1)); run \"$D/platform-$n.json\" $R elasticbeanstalk describe-platform-version --platform-arn \"$arn\"",
                "done",
                "run \"$D/platform-branches.json\" $R elasticbeanstalk list-platform-branches",
                // The shorthand `Operator==` does not parse; the JSON form does, in CLI v1 and v2.
                "run \"$D/platform-versions.json\" $R elasticbeanstalk list-platform-versions --filters '[{\"Type\":\"PlatformStatus\",\"Operator\":\"=\",\"Values\":[\"Ready\"]}]'",
                "for what in security-groups subnets route-tables vpcs vpc-endpoints instances; do run \"$D/$what.json\" $R ec2 describe-$what; done",
                "run \"$D/\(region).ebs-encryption.json\" $R ec2 get-ebs-encryption-by-default",
                "$R ec2 describe-launch-templates --query 'LaunchTemplates[].LaunchTemplateId' --output text | tr '\\t' '\\n' | while read -r id; do",
                "  [ -n \"$id\" ] || continue; run \"$D/launch-template-$id.json\" $R ec2 describe-launch-template-versions --launch-template-id \"$id\"",
                "done",
                "run \"$D/auto-scaling-groups.json\" $R autoscaling describe-auto-scaling-groups",
                "run \"$D/load-balancers.json\" $R elbv2 describe-load-balancers",
                "run \"$D/classic-load-balancers.json\" $R elb describe-load-balancers",
                // …:loadbalancer/app/NAME/ID (net/ and gwy/ alike): the name is the third path field.
                "ids \"$D/load-balancers.json\" LoadBalancerArn | while read -r arn; do",
                "  name=$(cut -d/ -f3 <<< \"$arn\")",
                "  run \"$D/listeners-$name.json\" $R elbv2 describe-listeners --load-balancer-arn \"$arn\"",
                "  run \"$D/$name.attributes.json\" $R elbv2 describe-load-balancer-attributes --load-balancer-arn \"$arn\"",
                "  ids \"$D/listeners-$name.json\" ListenerArn | while read -r listener; do",
                "    run \"$D/rules-${listener##*/}.json\" $R elbv2 describe-rules --listener-arn \"$listener\"",
                "  done",
                "done",
                "BUCKET=\"elasticbeanstalk-\(region)-$ACCOUNT\"",
                "if ! err=$($R s3api get-bucket-encryption --bucket \"$BUCKET\" --output json 2>&1 >\"$D/$BUCKET.encryption.json\"); then",
                "  rm -f \"$D/$BUCKET.encryption.json\"",
                "  case \"$err\" in *ServerSideEncryptionConfigurationNotFoundError*) echo '{\"ServerSideEncryptionConfiguration\":{\"Rules\":[]}}' >\"$D/$BUCKET.encryption.json\";; *) fail \"s3api get-bucket-encryption $BUCKET: $err\";; esac",
                "fi",
                "if ! err=$($R s3api get-public-access-block --bucket \"$BUCKET\" --output json 2>&1 >\"$D/$BUCKET.public-access-block.json\"); then",
                "  rm -f \"$D/$BUCKET.public-access-block.json\"",
                "  case \"$err\" in *NoSuchPublicAccessBlockConfiguration*) echo '{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":false,\"IgnorePublicAcls\":false,\"BlockPublicPolicy\":false,\"RestrictPublicBuckets\":false}}' >\"$D/$BUCKET.public-access-block.json\";; *) fail \"s3api get-public-access-block $BUCKET: $err\";; esac",
                "fi",
                "run \"$D/db-instances.json\" $R rds describe-db-instances",
                "ids \"$D/db-instances.json\" DBParameterGroupName | sort -u | while read -r group; do",
                "  run \"$D/$group.parameters.json\" $R rds describe-db-parameters --db-parameter-group-name \"$group\"",
                "done",
                "run \"$D/kms-aliases.json\" $R kms list-aliases",
                "$R kms list-keys --query 'Keys[].KeyId' --output text | tr '\\t' '\\n' | while read -r key; do",
                "  [ -n \"$key\" ] || continue",
                "  run \"$D/key-$key.json\" $R kms describe-key --key-id \"$key\"",
                "  run \"$D/$key.rotation.json\" $R kms get-key-rotation-status --key-id \"$key\"",
                "done",
                "run \"$D/trails.json\" $R cloudtrail describe-trails",
                "ids \"$D/trails.json\" TrailARN | sort -u | while read -r arn; do",
                "  run \"$D/${arn##*/}.status.json\" $R cloudtrail get-trail-status --name \"$arn\"",
                "done",
                "run \"$D/cloudtrail-events.json\" $R cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=elasticbeanstalk.amazonaws.com --start-time \"$START\"",
                "run \"$D/alarms.json\" $R cloudwatch describe-alarms",
                "run \"$D/log-groups.json\" $R logs describe-log-groups --log-group-name-prefix /aws/elasticbeanstalk/",
                "run \"$D/\(region).config-recorders.json\" $R configservice describe-configuration-recorders",
                "run \"$D/\(region).config-recorder-status.json\" $R configservice describe-configuration-recorder-status",
                ") &",
            ]
        }
        lines.append("")
        lines.append("wait")
        lines.append("echo \"export written to $OUT\" >&2")
        return lines.joined(separator: "\n") + "\n"
    }

    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

