import Testing
@testable import IAMPolicy

@Test func moduleLinks() { #expect(String(describing: IAMPolicyModule.self) == "IAMPolicyModule") }
