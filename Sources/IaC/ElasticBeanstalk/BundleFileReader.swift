import Inventory

/// Reads any other text file of an application folder or bundle (`.env`, `*.properties`,
/// `*.yml`, source code) for hard-coded secrets only (EB-RUN-005); its lines are not kept.
enum BundleFileReader {
    static func read(text: String, path: String, app: AppRoot?) -> FileOutput {
        var output = FileOutput()
        if let app { output.app = AppContribution(root: app.display, folderName: app.folderName) }
        var secrets: [LocatedSecret] = []
        for (index, line) in TextLines.split(text).enumerated() where line.utf8.count <= 4096 {
            TextLines.scanSecrets(line, file: path, line: index + 1, into: &secrets)
        }
        output.addArtifact(CodeArtifact(path: path, kind: .bundleFile, secrets: secrets))
        return output
    }
}
