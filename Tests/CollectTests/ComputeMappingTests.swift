import Foundation
import Testing
@testable import Collect

/// An Auto Scaling group's subnets are read from `VPCZoneIdentifier` as Foundation's split and
/// trimming read them, whether the list is read by its bytes (ASCII) or not.
@Suite struct ComputeMappingTests {
    static func foundation(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test(arguments: ["subnet-a,subnet-b", " subnet-a , subnet-b ", "subnet-a,,subnet-b,", ",", "", "   ", "\tsubnet-a\t,\t",
                      "subnet-a\n,subnet-b", "subnet a, b", "subnet-é, subnet-b", "\u{00A0}subnet-a\u{00A0},subnet-b", "subnet-a\r\n,b"])
    func readsSubnetListsAsFoundationDoes(list: String) {
        #expect(ComputeMapping.subnetIds(list) == Self.foundation(list))
    }

    @Test func mapsTheSubnetsOfAGroup() throws {
        let text = #"{"AutoScalingGroups":[{"AutoScalingGroupName":"g","VPCZoneIdentifier":"subnet-1, subnet-2,"}]}"#
        let tape = try #require(JSONTape.parse(Array(text.utf8)))
        let groups = ComputeMapping.autoScalingGroups(JSONObject(tape: tape, node: 0), origin: .api("autoscaling:DescribeAutoScalingGroups"))
        #expect(groups.first?.subnetIds == ["subnet-1", "subnet-2"])
    }
}
