import Inventory

/// What one file contributes to the scan: a partial inventory, and for files inside an
/// application folder, what they add to that folder's environment.
///
/// Files are read concurrently; each produces one `FileOutput` (a value, `Sendable`) and the
/// scanner merges them in path order, so the result does not depend on scheduling.
struct FileOutput: Sendable {
    var inventory = Inventory()
    var app: AppContribution?
    /// First lines of resources/blocks and the inventory name each declares, so that an
    /// `ebguard:ignore` comment just above a resource covers that resource.
    var anchors: [Int: String] = [:]

    mutating func problem(_ file: String, _ error: ParseError) {
        inventory.inputProblems.append(InputProblem(file: file, line: error.line, column: error.column, message: error.message))
    }

    mutating func problem(_ file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        inventory.inputProblems.append(InputProblem(file: file, line: line, column: column, message: message))
    }

    /// Parses a YAML document whose top level must be a mapping; on failure records why (with
    /// `notMapping` as the message for a non-mapping) and returns `nil`.
    mutating func mapping(_ text: String, path: String, notMapping: String) -> Node? {
        let root: Node
        do {
            root = try YAMLReader.parse(text)
        } catch {
            problem(path, error)
            return nil
        }
        guard root.entries != nil else {
            problem(path, line: root.line, column: root.column, notMapping)
            return nil
        }
        return root
    }

    mutating func addArtifact(_ artifact: CodeArtifact) {
        if inventory.artifacts == nil { inventory.artifacts = [] }
        inventory.artifacts?.append(artifact)
    }

    /// The IAM part of the inventory, created on first use (no IAM facts → `nil`, not assessed).
    /// Mutated in place (`_modify`): a get/set pair would copy the dictionaries on every change.
    var iam: IAMInventory {
        get { inventory.iam ?? IAMInventory() }
        _modify {
            var value = inventory.iam ?? IAMInventory()
            inventory.iam = nil
            defer { inventory.iam = value }
            yield &value
        }
    }
}

/// What a file inside an application folder (`.ebextensions`, `.platform`, `.elasticbeanstalk`,
/// or a source bundle) adds to the folder's environment.
struct AppContribution: Sendable {
    /// The application folder (or bundle) the file belongs to, as the user gave it.
    var root: String
    /// A display name for the folder: its last path component, or the bundle's name.
    var folderName: String
    /// Option settings at their layer (configuration files, saved configurations).
    var settings: [OptionSetting] = []
    /// From `.elasticbeanstalk/config.yml`.
    var environmentName: String?
    var applicationName: String?
    var region: String?
    var profile: String?
    var platform: String?
    var tags: [String: String]?
    var tier: String?
    var origin: Origin?
    /// The key of the instance security group Elastic Beanstalk creates, when `Resources:` add rules to it.
    var managedSecurityGroup: String?
}
