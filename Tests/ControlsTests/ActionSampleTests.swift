import Testing
@testable import Controls

@Suite("Action lists quoted in findings")
struct ActionSampleTests {
    @Test func aCompleteListIsJoinedAsIs() {
        #expect(actionSample(["s3:GetObject", "s3:PutObject"], total: 2) == "s3:GetObject, s3:PutObject")
        #expect(actionSample(["s3:GetObject"], total: 1) == "s3:GetObject")
        #expect(actionSample([], total: 0) == "")
    }

    @Test func aLongerListSaysHowManyInAll() {
        let first = (1...25).map { "svc:Action\($0)" }
        let text = actionSample(first, total: 190)
        #expect(text == first.joined(separator: ", ") + ", … (190 in all)")
        #expect(actionSample(["iam:PassRole"], total: 3) == "iam:PassRole, … (3 in all)")
    }
}
