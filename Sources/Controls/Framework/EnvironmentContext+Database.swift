import Inventory

extension EnvironmentContext {
    /// Runs `check` on each database of the environment: `not-applicable` without one,
    /// `not-assessed` when a coupled database is configured but not in the inventory.
    public func eachDatabase(_ check: (Database, ResourceRef) -> Outcome) -> [Outcome] {
        let databases = self.databases
        if databases.isEmpty {
            if hasDatabase {
                return [.notAssessed(gapReason(.databases, fallback: "the environment has a coupled database that is not in the inventory"))]
            }
            return [.notApplicable("no database is tied to the environment")]
        }
        return databases.map { database in
            check(database, ref("AWS::RDS::DBInstance", database.arn ?? database.identifier, name: database.identifier))
        }
    }
}
