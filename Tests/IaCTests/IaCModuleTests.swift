import Testing
@testable import IaC

@Test func moduleLinks() { #expect(String(describing: IaCModule.self) == "IaCModule") }
