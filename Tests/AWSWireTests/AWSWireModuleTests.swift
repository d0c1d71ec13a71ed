import Testing
@testable import AWSWire

@Test func moduleLinks() { #expect(String(describing: AWSWireModule.self) == "AWSWireModule") }
