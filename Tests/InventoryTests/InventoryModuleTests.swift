import Testing
@testable import Inventory

@Test func moduleLinks() { #expect(String(describing: InventoryModule.self) == "InventoryModule") }
