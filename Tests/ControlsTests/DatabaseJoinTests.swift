import Foundation
import Inventory
import Testing
@testable import Controls

/// An environment's databases: each found by its tags (name or id) or by an environment property
/// naming its endpoint, listed once per identifier, in identifier order.
@Suite struct DatabaseJoinTests {
    static let namespace = "aws:elasticbeanstalk:application:environment"

    static func database(_ identifier: String, endpoint: String? = nil, tags: [String: String] = [:]) -> Database {
        var database = Database(identifier: identifier)
        database.endpointAddress = endpoint
        database.tags = tags
        return database
    }

    static func context(_ example: ExampleInventory) -> EnvironmentContext {
        EnvironmentContext(environment: example.environment, settings: AuditSettings(now: ExampleInventory.now),
                           policies: PolicyStore(iam: IAMInventory()), index: InventoryIndex(example.inventory))
    }

    @Test func everyWayOfFindingADatabaseGivesItOnceInIdentifierOrder() {
        var example = ExampleInventory.hardened()
        let name = example.environment.name
        example.environment.id = "e-123"
        example.inventory.databases = [:]
        for database in [
            Self.database("zeta-db", tags: ["elasticbeanstalk:environment-name": name]),
            // Tagged by name and by id, and named by a property: still one.
            Self.database("alpha-db", endpoint: "alpha.example.com", tags: ["elasticbeanstalk:environment-name": name,
                                                                            "elasticbeanstalk:environment-id": "e-123"]),
            Self.database("mid-db", endpoint: "mid.example.com"),
            Self.database("listed-db", tags: ["ebguard:environment": "other,\(name)"]),
            Self.database("unrelated-db", endpoint: "unrelated.example.com", tags: ["elasticbeanstalk:environment-name": "other"]),
        ] {
            example.inventory.databases[database.identifier] = database
        }
        example.setOption(Self.namespace, "RDS_HOSTNAME", "alpha.example.com")
        example.setOption(Self.namespace, "DATABASE_URL", "postgres://app@mid.example.com:5432/app,alpha.example.com")
        let context = Self.context(example)
        #expect(context.databases.map(\.identifier) == ["alpha-db", "listed-db", "mid-db", "zeta-db"])
        #expect(context.hasDatabase)
    }

    @Test func noDatabaseFoundIsAnEmptyList() {
        var example = ExampleInventory.hardened()
        example.inventory.databases = [:]
        let context = Self.context(example)
        #expect(context.databases.isEmpty)
    }
}
