/// The four S3 Block Public Access settings.
public struct PublicAccessBlock: Codable, Sendable, Hashable {
    public var blockPublicAcls: Bool
    public var ignorePublicAcls: Bool
    public var blockPublicPolicy: Bool
    public var restrictPublicBuckets: Bool
    public var origin: Origin?

    public init(blockPublicAcls: Bool, ignorePublicAcls: Bool, blockPublicPolicy: Bool, restrictPublicBuckets: Bool, origin: Origin? = nil) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
        self.origin = origin
    }

    public var blocksAll: Bool { blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets }

    /// Names of the settings that are off.
    public var disabledSettings: [String] {
        var names: [String] = []
        if !blockPublicAcls { names.append("BlockPublicAcls") }
        if !ignorePublicAcls { names.append("IgnorePublicAcls") }
        if !blockPublicPolicy { names.append("BlockPublicPolicy") }
        if !restrictPublicBuckets { names.append("RestrictPublicBuckets") }
        return names
    }
}

/// Default encryption of a bucket.
public struct BucketEncryption: Codable, Sendable, Hashable {
    /// `AES256`, `aws:kms`, `aws:kms:dsse`; `nil` means no default encryption configured.
    public var algorithm: String?
    public var kmsKeyId: String?

    public init(algorithm: String?, kmsKeyId: String? = nil) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
    }
}

public struct Bucket: Codable, Sendable, Hashable {
    public var name: String
    public var region: String?
    /// `nil` when not collected; `algorithm == nil` when collected and none configured.
    public var encryption: BucketEncryption?
    /// `nil` when not collected. A bucket without a configuration is reported with all four off.
    public var publicAccessBlock: PublicAccessBlock?
    public var origin: Origin?

    public init(name: String, region: String? = nil) {
        self.name = name
        self.region = region
    }
}
