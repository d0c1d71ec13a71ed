import Testing
@testable import SigV4

@Test func moduleLinks() { #expect(String(describing: SigV4Module.self) == "SigV4Module") }
