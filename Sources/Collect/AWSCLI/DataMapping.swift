import Foundation
import Inventory

/// S3, RDS and KMS outputs → inventory.
enum DataMapping {
    static func encryption(_ configuration: JSONObject) -> BucketEncryption {
        let rule = configuration.objects("Rules").first?.object("ApplyServerSideEncryptionByDefault")
        return BucketEncryption(algorithm: rule?.string("SSEAlgorithm"), kmsKeyId: rule?.string("KMSMasterKeyID"))
    }

    static func publicAccessBlock(_ json: JSONObject, origin: Origin) -> PublicAccessBlock {
        PublicAccessBlock(blockPublicAcls: json.bool("BlockPublicAcls") ?? false, ignorePublicAcls: json.bool("IgnorePublicAcls") ?? false,
                          blockPublicPolicy: json.bool("BlockPublicPolicy") ?? false, restrictPublicBuckets: json.bool("RestrictPublicBuckets") ?? false,
                          origin: origin)
    }

    static func databases(_ json: JSONObject, origin: Origin) -> [Database] {
        json.objects("DBInstances").compactMap { item in
            guard let identifier = item.string("DBInstanceIdentifier") else { return nil }
            var database = Database(identifier: identifier)
            database.arn = item.string("DBInstanceArn")
            database.engine = item.string("Engine")
            database.endpointAddress = item.object("Endpoint")?.string("Address")
            database.port = item.object("Endpoint")?.int("Port") ?? item.int("DbInstancePort")
            database.publiclyAccessible = item.bool("PubliclyAccessible")
            database.storageEncrypted = item.bool("StorageEncrypted")
            database.kmsKeyId = item.string("KmsKeyId")
            database.multiAZ = item.bool("MultiAZ")
            database.securityGroupIds = item.objects("VpcSecurityGroups").compactMap { $0.string("VpcSecurityGroupId") }
            database.parameterGroupNames = item.objects("DBParameterGroups").compactMap { $0.string("DBParameterGroupName") }
            database.subnetIds = item.object("DBSubnetGroup")?.objects("Subnets").compactMap { $0.string("SubnetIdentifier") }
            database.tags = item.tags("TagList")
            database.origin = origin
            return database
        }
    }

    static func parameters(_ json: JSONObject) -> [String: String] {
        var parameters: [String: String] = [:]
        for item in json.objects("Parameters") {
            if let name = item.string("ParameterName"), let value = item.string("ParameterValue") { parameters[name] = value }
        }
        return parameters
    }

    static func key(_ json: JSONObject, origin: Origin) -> KMSKey {
        KMSKey(id: json.string("KeyId") ?? json.string("Arn") ?? "unknown", arn: json.string("Arn"), manager: json.string("KeyManager"), origin: origin)
    }
}
