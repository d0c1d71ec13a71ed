import Testing
@testable import Reporting

@Test func moduleLinks() { #expect(String(describing: ReportingModule.self) == "ReportingModule") }
