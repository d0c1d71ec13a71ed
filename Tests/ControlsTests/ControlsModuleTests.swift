import Testing
@testable import Controls

@Test func moduleLinks() { #expect(String(describing: ControlsModule.self) == "ControlsModule") }
