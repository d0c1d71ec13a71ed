/// What a file is, recognised by its path (inside an application folder) and, for templates, by content.
enum SourceKind: Sendable, Equatable {
    case ebextensions
    case platformHook
    case platformConfigHook
    case savedConfiguration
    case ebCLIConfig
    case cloudFormationYAML
    case cloudFormationJSON
    case terraform
    case terraformPlan
    case zip
    /// Any other text file inside an application folder or bundle: scanned for secrets only.
    case bundleFile
    /// Not something ebguard reads.
    case ignored

    /// Recognises a file by its path relative to its application root (or the scanned folder).
    /// `sniff` gives the first bytes of the file for content checks (templates, plans).
    static func classify(relativePath: String, inApp: Bool, sniff: () -> String?) -> SourceKind {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard let fileName = components.last else { return .ignored }
        let lowerName = fileName.lowercased()
        let parents = components.dropLast()
        if parents.contains(".ebextensions") {
            return lowerName.hasSuffix(".config") ? .ebextensions : (inApp ? .bundleFile : .ignored)
        }
        if let platform = parents.firstIndex(of: ".platform"), platform + 1 < parents.endIndex {
            if parents[platform + 1] == "hooks" { return .platformHook }
            if parents[platform + 1] == "confighooks" { return .platformConfigHook }
        }
        if parents.contains(".elasticbeanstalk") {
            if lowerName.hasSuffix(".cfg.yml") { return .savedConfiguration }
            if lowerName == "config.yml" || lowerName == "config.global.yml" { return .ebCLIConfig }
            return .ignored
        }
        if lowerName.hasSuffix(".zip") { return .zip }
        if lowerName.hasSuffix(".tf") { return .terraform }
        if lowerName.hasSuffix(".json") || lowerName.hasSuffix(".template") || lowerName.hasSuffix(".yaml")
            || lowerName.hasSuffix(".yml") || lowerName.hasSuffix(".cfn") {
            if let head = sniff() {
                let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
                let isJSON = trimmed.first == "{"
                let mentions = { (needle: String) in ByteSearch.contains(head, needle) }
                if isJSON, mentions("\"planned_values\"") || mentions("\"terraform_version\"") && mentions("\"format_version\"") {
                    return .terraformPlan
                }
                if mentions("AWSTemplateFormatVersion") || mentions("AWS::") && mentions("Resources") {
                    return isJSON ? .cloudFormationJSON : .cloudFormationYAML
                }
            }
        }
        if isBinaryName(lowerName) { return .ignored }
        return inApp ? .bundleFile : .ignored
    }

    private static let binaryExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "ico", "webp", "pdf", "jar", "war", "class", "so", "dylib", "dll", "exe", "gz", "tgz",
        "bz2", "xz", "7z", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "mov", "pyc", "o", "a", "bin", "lock",
    ]

    static func isBinaryName(_ lowerName: String) -> Bool {
        guard let dot = lowerName.lastIndex(of: ".") else { return false }
        return binaryExtensions.contains(String(lowerName[lowerName.index(after: dot)...]))
    }
}
