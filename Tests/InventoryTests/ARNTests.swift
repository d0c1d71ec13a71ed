import Testing
@testable import Inventory

@Suite struct ARNTests {
    @Test func fieldsAgreeWithSplitting() {
        let arns = ["arn:aws:iam::123456789012:role/x", "arn:aws:elasticbeanstalk:eu-west-1:1:environment/app/env",
                    "arn:aws:s3:::bucket", "arn", "", ":", "a:b:c:", "a:b:c:d", "a:b:c:d:", "arn:aws:logs:ré:1:log-group:é"]
        for arn in arns {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            func expected(_ index: Int) -> String? { parts.count > index && !parts[index].isEmpty ? parts[index] : nil }
            #expect(ARN.region(of: arn) == expected(3), "\(arn)")
            #expect(ARN.account(of: arn) == expected(4), "\(arn)")
        }
        #expect(ARN.region(of: "arn:aws:elasticbeanstalk:eu-west-1:1:environment/app/env") == "eu-west-1")
        #expect(ARN.region(of: "arn:aws:s3:::bucket") == nil)
    }
}
