import Inventory

/// Reads `terraform show -json` plans.
enum TerraformPlanReader {
    static func read(bytes: [UInt8], path: String) -> FileOutput {
        FileOutput()
    }
}
