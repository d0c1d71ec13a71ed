import Testing
@testable import Secrets

@Test func moduleLinks() { #expect(String(describing: SecretsModule.self) == "SecretsModule") }
