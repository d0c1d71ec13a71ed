import AsyncHTTPClient
import Foundation
import SigV4

/// The standard credential chain, in the AWS CLI's order:
///
/// 1. environment keys (skipped when a profile was chosen explicitly),
/// 2. the profile's `role_arn` with `source_profile` / `credential_source` (STS AssumeRole,
///    chains followed, cycles refused),
/// 3. web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, or the profile's
///    `web_identity_token_file` + `role_arn`),
/// 4. keys in the credentials file, then `credential_process`, then keys in the config file,
/// 5. ECS/EKS container credentials,
/// 6. EC2 instance metadata (IMDSv2 only).
///
/// The first source that is configured answers; if it fails, the error is reported rather than
/// silently falling through to another identity.
public struct CredentialChain: CredentialProvider {
    public let name = "credential chain"
    let settings: AWSSettings
    let httpClient: HTTPClient
    let processTimeout: TimeInterval

    /// Creates the chain for resolved settings.
    public init(settings: AWSSettings, httpClient: HTTPClient = .shared, processTimeout: TimeInterval = 30) {
        self.settings = settings
        self.httpClient = httpClient
        self.processTimeout = processTimeout
    }

    var sts: STSEndpointSettings {
        STSEndpointSettings(region: settings.region, endpoints: EndpointResolver(settings: settings), httpClient: httpClient)
    }

    /// The providers in order; the chain asks each until one is configured.
    public func providers() throws -> [any CredentialProvider] {
        var list: [any CredentialProvider] = []
        let env = settings.environment
        if !settings.profileIsExplicit, EnvironmentCredentialProvider(environment: env).isConfigured {
            list.append(EnvironmentCredentialProvider(environment: env))
        }
        let profile = settings.profile
        if let profile, profile["role_arn"] != nil, profile["source_profile"] != nil || profile["credential_source"] != nil {
            list.append(try profileProvider(settings.profileName, visited: []))
        }
        if let file = env["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty, let role = env["AWS_ROLE_ARN"], !role.isEmpty {
            list.append(WebIdentityCredentialProvider(tokenFile: file, roleArn: role, sessionName: env["AWS_ROLE_SESSION_NAME"] ?? Self.sessionName(), sts: sts))
        } else if let profile, let file = profile["web_identity_token_file"], let role = profile["role_arn"] {
            list.append(WebIdentityCredentialProvider(tokenFile: file, roleArn: role, sessionName: profile["role_session_name"] ?? Self.sessionName(), sts: sts))
        }
        if let keys = staticKeys(settings.files.credentialProfiles[settings.profileName]) {
            list.append(StaticCredentialProvider(keys, name: "profile \(settings.profileName) (credentials file)"))
        }
        if let profile, let command = profile["credential_process"] {
            list.append(ProcessCredentialProvider(command: command, environment: env, timeout: processTimeout, profile: settings.profileName))
        }
        if let keys = staticKeys(settings.files.configProfiles[settings.profileName]) {
            list.append(StaticCredentialProvider(keys, name: "profile \(settings.profileName) (config file)"))
        }
        let container = ContainerCredentialProvider(environment: env, httpClient: httpClient)
        if container.isConfigured { list.append(container) }
        list.append(InstanceMetadataCredentialProvider(environment: env, httpClient: httpClient))
        return list
    }

    public func credentials() async throws -> AWSCredentials {
        var tried: [String] = []
        for provider in try providers() {
            do {
                return try await provider.credentials()
            } catch let unavailable as CredentialSourceUnavailable {
                tried.append("\(provider.name) (\(unavailable.reason))")
            }
        }
        throw AWSError.credentials("no credentials found; tried: " + tried.joined(separator: "; "))
    }

    /// The provider a named profile stands for (used for the selected profile and `source_profile`s).
    func profileProvider(_ name: String, visited: [String]) throws -> any CredentialProvider {
        guard let profile = settings.files.profile(name) else {
            throw AWSError.configuration("profile '\(name)' not found" + (visited.isEmpty ? "" : " (source_profile of '\(visited.last!)')"))
        }
        if visited.contains(name) {
            throw AWSError.configuration("source_profile cycle: " + (visited + [name]).joined(separator: " → "))
        }
        if let role = profile["role_arn"] {
            let source: any CredentialProvider
            if let sourceName = profile["source_profile"] {
                if sourceName == name, let keys = staticKeys(profile) {
                    source = StaticCredentialProvider(keys, name: "profile \(name) keys")
                } else {
                    source = try profileProvider(sourceName, visited: visited + [name])
                }
            } else if let credentialSource = profile["credential_source"] {
                switch credentialSource {
                case "Environment": source = EnvironmentCredentialProvider(environment: settings.environment)
                case "Ec2InstanceMetadata": source = InstanceMetadataCredentialProvider(environment: settings.environment, httpClient: httpClient)
                case "EcsContainer": source = ContainerCredentialProvider(environment: settings.environment, httpClient: httpClient)
                default: throw AWSError.configuration("profile '\(name)': unknown credential_source \(credentialSource)")
                }
            } else if let file = profile["web_identity_token_file"] {
                return WebIdentityCredentialProvider(tokenFile: file, roleArn: role, sessionName: profile["role_session_name"] ?? Self.sessionName(), sts: sts)
            } else {
                throw AWSError.configuration("profile '\(name)' has role_arn but no source_profile or credential_source")
            }
            if profile["mfa_serial"] != nil {
                throw AWSError.configuration("profile '\(name)' needs an MFA code (mfa_serial), which ebguard cannot prompt for")
            }
            var duration: Int?
            if let text = profile["duration_seconds"] {
                guard let value = Int(text), (900...43_200).contains(value) else {
                    throw AWSError.configuration("profile '\(name)': duration_seconds must be 900…43200")
                }
                duration = value
            }
            return CachedCredentialProvider(AssumeRoleCredentialProvider(
                source: CachedCredentialProvider(source), roleArn: role, sessionName: profile["role_session_name"] ?? Self.sessionName(),
                externalId: profile["external_id"], durationSeconds: duration, sts: sts, name: "profile \(name): assume role \(role)"))
        }
        if let file = profile["web_identity_token_file"], let role = profile["role_arn"] {
            return WebIdentityCredentialProvider(tokenFile: file, roleArn: role, sessionName: profile["role_session_name"] ?? Self.sessionName(), sts: sts)
        }
        if let command = profile["credential_process"] {
            return ProcessCredentialProvider(command: command, environment: settings.environment, timeout: processTimeout, profile: name)
        }
        if let keys = staticKeys(profile) {
            return StaticCredentialProvider(keys, name: "profile \(name)")
        }
        throw AWSError.configuration("profile '\(name)' has no credentials")
    }

    func staticKeys(_ section: SharedConfigFile.Section?) -> AWSCredentials? {
        guard let section, let id = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] else { return nil }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }

    static func sessionName() -> String { "ebguard-\(Int(Date().timeIntervalSince1970))" }
}
