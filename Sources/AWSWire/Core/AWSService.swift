/// An AWS service as the wire layer needs it: how to reach it, sign for it and talk to it.
///
/// The constants (`.elasticBeanstalk`, `.iam`, …) are generated from botocore's service models
/// (see `scripts/sigv4/generate-service-catalog.py`), so API versions and names are not guessed.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// The wire protocol family.
    public enum WireProtocol: Sendable, Hashable {
        /// Form-encoded `Action`/`Version` POST, XML responses, lists as `Name.member.N`.
        case query
        /// EC2's Query variant: lists as `Name.N`, responses with `item` lists and lower-camel names.
        case ec2
        /// AWS JSON 1.1: POST of a JSON body with `X-Amz-Target`.
        case json
        /// REST with XML bodies (S3, S3 Control).
        case restXML
    }

    /// botocore's directory name (`elasticbeanstalk`, `elbv2`, `s3control`).
    public let id: String
    /// The SDK service id (`Elastic Beanstalk`), the basis of `AWS_ENDPOINT_URL_<SERVICE>`.
    public let sdkId: String
    /// The host name prefix (`elasticbeanstalk`, `monitoring`, `s3-control`).
    public let endpointPrefix: String
    /// The SigV4 service name (`s3` for S3 Control).
    public let signingName: String
    /// The API version sent with Query requests.
    public let apiVersion: String
    /// The wire protocol.
    public let `protocol`: WireProtocol
    /// The JSON protocol's `X-Amz-Target` prefix.
    public let targetPrefix: String?

    /// Creates a service description (normally use the generated constants).
    public init(id: String, sdkId: String, endpointPrefix: String, signingName: String, apiVersion: String, protocol: WireProtocol, targetPrefix: String?) {
        self.id = id
        self.sdkId = sdkId
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName
        self.apiVersion = apiVersion
        self.protocol = `protocol`
        self.targetPrefix = targetPrefix
    }

    /// The IAM action prefix (`elasticloadbalancing` for ELB v1/v2, `s3` for S3 Control), so
    /// errors read like policy actions: `iam:GetRolePolicy`.
    public var actionPrefix: String {
        switch id {
        case "elb", "elbv2": return "elasticloadbalancing"
        case "s3control": return "s3"
        default: return id
        }
    }

    /// `AWS_ENDPOINT_URL_` + the SDK id upper-cased with spaces as underscores.
    public var endpointEnvironmentVariable: String {
        "AWS_ENDPOINT_URL_" + sdkId.uppercased().replacingOccurrences(of: " ", with: "_")
    }

    /// The key of this service in a config-file `services` section (`elastic_beanstalk`).
    public var configSectionKey: String {
        sdkId.lowercased().replacingOccurrences(of: " ", with: "_")
    }

    public var description: String { id }
}

/// One API operation of a service, named as in IAM policies (`iam:GetRolePolicy`).
public struct AWSOperation: Sendable, Hashable, CustomStringConvertible {
    /// The service.
    public let service: AWSService
    /// The operation name (`DescribeEnvironments`).
    public let name: String

    /// Creates an operation reference.
    public init(_ service: AWSService, _ name: String) {
        self.service = service
        self.name = name
    }

    /// `service:Operation` with the IAM action prefix, e.g. `elasticloadbalancing:DescribeListeners`.
    public var description: String { "\(service.actionPrefix):\(name)" }
}
