import Foundation

/// Everything resolved from flags, environment and shared files before any call is made:
/// the profile, the region and the parsed files.
///
/// The environment is a parameter (never read behind the caller's back), so tests and
/// embedding programs can inject it without touching the real process environment.
public struct AWSSettings: Sendable {
    /// The environment variables in effect.
    public let environment: [String: String]
    /// The parsed shared files.
    public let files: SharedConfigFile
    /// The selected profile name.
    public let profileName: String
    /// Whether the profile was chosen explicitly (`--profile`), which disables environment keys.
    public let profileIsExplicit: Bool
    /// The region, if any source named one.
    public let region: String?

    /// Resolves settings. Profile: `profile` > `AWS_PROFILE` > `AWS_DEFAULT_PROFILE` > `default`.
    /// Region: `region` (the `--region` flag) > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`.
    public init(profile: String? = nil, region: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                files: SharedConfigFile? = nil) throws {
        self.environment = environment
        self.files = try files ?? SharedConfigFile.load(environment: environment)
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        self.profileIsExplicit = nonEmpty(profile) != nil
        self.profileName = nonEmpty(profile) ?? nonEmpty(environment["AWS_PROFILE"]) ?? nonEmpty(environment["AWS_DEFAULT_PROFILE"]) ?? "default"
        if profileIsExplicit && self.files.profile(profileName) == nil {
            throw AWSError.configuration("profile '\(profileName)' not found in the shared config or credentials file")
        }
        self.region = nonEmpty(region) ?? nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"])
            ?? self.files.profile(profileName)?["region"]
    }

    /// The selected profile's section, if it exists.
    public var profile: SharedConfigFile.Section? { files.profile(profileName) }
}
