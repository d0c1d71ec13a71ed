import Testing
@testable import Collect

@Test func moduleLinks() { #expect(String(describing: CollectModule.self) == "CollectModule") }
