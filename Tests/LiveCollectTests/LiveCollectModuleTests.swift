import Testing
@testable import LiveCollect

@Test func moduleLinks() { #expect(String(describing: LiveCollectModule.self) == "LiveCollectModule") }
