import Inventory

extension ExampleInventory {
    static let instanceRolePolicy = """
    {"Version":"2012-10-17","Statement":[
     {"Sid":"Bundles","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::elasticbeanstalk-us-east-1-111122223333/*"},
     {"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:111122223333:log-group:/aws/elasticbeanstalk/shop-prod/*"},
     {"Sid":"Health","Effect":"Allow","Action":"elasticbeanstalk:PutInstanceStatistics","Resource":"arn:aws:elasticbeanstalk:us-east-1:111122223333:environment/shop/shop-prod"},
     {"Sid":"Metrics","Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*"},
     {"Sid":"Secret","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:111122223333:secret:shop/db-AbCdEf"}
    ]}
    """

    static let serviceRolePolicy = """
    {"Version":"2012-10-17","Statement":[
     {"Sid":"PassOwnRoles","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/prod.shop"},
     {"Sid":"Describe","Effect":"Allow","Action":["ec2:Describe*","elasticloadbalancing:Describe*","autoscaling:Describe*","cloudwatch:GetMetricStatistics"],"Resource":"*"}
    ]}
    """

    static let operatorRolePolicy = """
    {"Version":"2012-10-17","Statement":[
     {"Effect":"Allow","Action":["elasticbeanstalk:*","s3:*","logs:*","cloudwatch:*","secretsmanager:GetSecretValue"],"Resource":"*"}
    ]}
    """

    static let ec2Trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let ebTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"elasticbeanstalk.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"elasticbeanstalk"}}}]}"#
    static let operatorTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#

    static func hardenedIAM() -> IAMInventory {
        var instanceRole = Role(name: Names.instanceRole, arn: "arn:aws:iam::111122223333:role/\(Names.instanceRole)")
        instanceRole.trustPolicy = ec2Trust
        instanceRole.inlinePolicies = [InlinePolicy(name: "app", document: instanceRolePolicy)]
        instanceRole.attachedPolicyArns = []
        var serviceRole = Role(name: Names.serviceRole, arn: "arn:aws:iam::111122223333:role/\(Names.serviceRole)")
        serviceRole.trustPolicy = ebTrust
        serviceRole.inlinePolicies = [InlinePolicy(name: "service", document: serviceRolePolicy)]
        serviceRole.attachedPolicyArns = ["arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth",
                                          "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"]
        var operatorRole = Role(name: Names.operatorRole, arn: "arn:aws:iam::111122223333:role/\(Names.operatorRole)")
        operatorRole.trustPolicy = operatorTrust
        operatorRole.inlinePolicies = [InlinePolicy(name: "operate", document: operatorRolePolicy)]
        operatorRole.attachedPolicyArns = []
        let profile = InstanceProfile(name: Names.instanceProfile, arn: "arn:aws:iam::111122223333:instance-profile/\(Names.instanceProfile)",
                                      roleNames: [Names.instanceRole])
        return IAMInventory(roles: [instanceRole.name: instanceRole, serviceRole.name: serviceRole, operatorRole.name: operatorRole],
                            instanceProfiles: [profile.name: profile], managedPolicies: [:], users: [:])
    }
}
