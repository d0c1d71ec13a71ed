import Inventory

/// Reads Terraform HCL (`*.tf`).
enum TerraformReader {
    static func read(text: String, path: String) -> FileOutput {
        FileOutput()
    }
}
