/// A secret-looking value, already redacted: the inventory never holds the secret itself.
public struct SecretHit: Codable, Sendable, Hashable {
    /// What kind of secret the value looks like.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case awsAccessKeyId = "aws-access-key-id"
        case awsSecretAccessKey = "aws-secret-access-key"
        case privateKey = "private-key"
        case githubToken = "github-token"
        case slackToken = "slack-token"
        case stripeKey = "stripe-key"
        case googleAPIKey = "google-api-key"
        case jwt
        case passwordInURL = "password-in-url"
        /// A value under a key that names a password, secret, token or key.
        case sensitiveKey = "sensitive-key"
        case highEntropy = "high-entropy"
    }

    public var kind: Kind
    /// The key the value was assigned to (environment property, option name, variable), when known.
    public var key: String?
    /// The redacted value, e.g. `AKIA****MPLE`.
    public var redacted: String

    public init(kind: Kind, key: String?, redacted: String) {
        self.kind = kind
        self.key = key
        self.redacted = redacted
    }

    /// True for AWS credentials (access key ids and secret keys).
    public var isAWSCredential: Bool { kind == .awsAccessKeyId || kind == .awsSecretAccessKey }
}

/// A file read by `scan`: a configuration file, a platform hook, a bundle entry.
public struct CodeArtifact: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case ebextensionsConfig = "ebextensions-config"
        case platformHook = "platform-hook"
        case platformConfigHook = "platform-confighook"
        case savedConfiguration = "saved-configuration"
        case ebCLIConfig = "eb-cli-config"
        case cloudFormation = "cloudformation"
        case terraform
        case terraformPlan = "terraform-plan"
        case bundleFile = "bundle-file"
        case other
    }

    /// The path as the user gave it (for bundle entries, `bundle.zip!path/in/zip`).
    public var path: String
    public var kind: Kind
    /// The environment this artifact configures, when known.
    public var environmentName: String?
    /// Executable lines worth reviewing (commands, hook script lines, file contents), redacted.
    public var lines: [CodeLine]
    /// Secrets found in the artifact, with their position.
    public var secrets: [LocatedSecret]

    public init(path: String, kind: Kind, environmentName: String? = nil, lines: [CodeLine] = [], secrets: [LocatedSecret] = []) {
        self.path = path
        self.kind = kind
        self.environmentName = environmentName
        self.lines = lines
        self.secrets = secrets
    }
}

/// A line of privileged code (a command, a hook line, a `files:` entry), secrets redacted.
public struct CodeLine: Codable, Sendable, Hashable {
    public var text: String
    /// What the line is: `command`, `container_command`, `hook`, `file-content`, `file-mode`, `resource`.
    public var context: String
    public var origin: Origin

    public init(text: String, context: String, origin: Origin) {
        self.text = text
        self.context = context
        self.origin = origin
    }
}

public struct LocatedSecret: Codable, Sendable, Hashable {
    public var hit: SecretHit
    public var origin: Origin

    public init(hit: SecretHit, origin: Origin) {
        self.hit = hit
        self.origin = origin
    }
}

/// An inline suppression written in a file: `# ebguard:ignore EB-NET-010 reason: bastion-only`.
///
/// It applies to the findings of `controlId` located in the same file, either on the line it
/// annotates (`line`) or on the resource it annotates (`resource`). A suppression without a reason
/// does not suppress; it is reported itself.
public struct InlineSuppression: Codable, Sendable, Hashable {
    public var controlId: String
    public var reason: String?
    /// The logical resource (template resource name, Terraform address) the suppression covers.
    public var resource: String?
    /// The line the suppression covers (the annotated line); `nil` when it covers a resource.
    public var line: Int?
    /// Where the comment itself is.
    public var origin: Origin

    public init(controlId: String, reason: String?, resource: String? = nil, line: Int? = nil, origin: Origin) {
        self.controlId = controlId
        self.reason = reason
        self.resource = resource
        self.line = line
        self.origin = origin
    }
}
