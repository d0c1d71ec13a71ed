import Foundation

/// Where a service's requests go and which region they are signed for.
public struct ResolvedEndpoint: Sendable, Hashable {
    /// `https` or `http`.
    public var scheme: String
    /// The host name.
    public var host: String
    /// The port, if not the scheme's default.
    public var port: Int?
    /// A path prefix from a custom endpoint URL (`""` normally, never ending in `/`).
    public var basePath: String
    /// The region in the SigV4 scope (`us-east-1` for global IAM).
    public var signingRegion: String
    /// Whether the endpoint came from `AWS_ENDPOINT_URL*` or the config file (S3 then uses path style).
    public var isCustom: Bool
}

/// Resolves endpoints as the AWS SDKs do.
///
/// Precedence: `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > the profile's `services`
/// section (`<service_key> = \n  endpoint_url = …`) > the profile's `endpoint_url` > the default
/// `https://{prefix}.{region}.amazonaws.com` (`.com.cn` in China) with the known exceptions:
/// global IAM (`iam.amazonaws.com`, signed for us-east-1), regional STS, legacy S3 in us-east-1.
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's
/// `ignore_configured_endpoint_urls`) turns the overrides off.
public struct EndpointResolver: Sendable {
    let environment: [String: String]
    let profile: SharedConfigFile.Section?
    let services: SharedConfigFile.Section?

    /// Creates a resolver from an environment and (optionally) the selected profile and files.
    public init(environment: [String: String] = [:], profile: SharedConfigFile.Section? = nil, files: SharedConfigFile = SharedConfigFile()) {
        self.environment = environment
        self.profile = profile
        self.services = profile?["services"].flatMap { files.services[$0] }
    }

    /// Creates a resolver from resolved settings.
    public init(settings: AWSSettings) {
        self.init(environment: settings.environment, profile: settings.profile, files: settings.files)
    }

    /// The custom endpoint URL for `service`, if one is configured.
    public func configuredURL(for service: AWSService) -> String? {
        let ignore = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if ignore { return nil }
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        return nonEmpty(environment[service.endpointEnvironmentVariable])
            ?? nonEmpty(environment["AWS_ENDPOINT_URL"])
            ?? nonEmpty(services?.nested[service.configSectionKey]?["endpoint_url"])
            ?? nonEmpty(profile?["endpoint_url"])
    }

    /// The endpoint for `service` in `region`.
    public func resolve(_ service: AWSService, region: String) throws -> ResolvedEndpoint {
        if let custom = configuredURL(for: service) {
            guard let components = URLComponents(string: custom), let scheme = components.scheme?.lowercased(),
                  scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
            else {
                throw AWSError.configuration("endpoint URL for \(service.sdkId) is not an http(s) URL: \(custom)")
            }
            var path = components.percentEncodedPath
            while path.hasSuffix("/") { path.removeLast() }
            let signingRegion = service.id == "iam" ? Self.iamSigningRegion(region) : region
            return ResolvedEndpoint(scheme: scheme, host: host, port: components.port, basePath: path, signingRegion: signingRegion, isCustom: true)
        }
        return Self.defaultEndpoint(service, region: region)
    }

    /// The standard AWS endpoint.
    public static func defaultEndpoint(_ service: AWSService, region: String) -> ResolvedEndpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        var host = "\(service.endpointPrefix).\(region).\(suffix)"
        var signingRegion = region
        switch service.id {
        case "iam":
            signingRegion = iamSigningRegion(region)
            if region.hasPrefix("cn-") {
                host = "iam.cn-north-1.amazonaws.com.cn"
            } else if region.hasPrefix("us-gov-") {
                host = "iam.us-gov.amazonaws.com"
            } else {
                host = "iam.amazonaws.com"
            }
        case "sts" where region == "aws-global":
            host = "sts.amazonaws.com"
            signingRegion = "us-east-1"
        case "s3" where region == "us-east-1":
            host = "s3.amazonaws.com"
        default:
            break
        }
        return ResolvedEndpoint(scheme: "https", host: host, port: nil, basePath: "", signingRegion: signingRegion, isCustom: false)
    }

    static func iamSigningRegion(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "cn-north-1" }
        if region.hasPrefix("us-gov-") { return "us-gov-west-1" }
        return "us-east-1"
    }
}
