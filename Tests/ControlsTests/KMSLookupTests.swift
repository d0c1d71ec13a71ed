import Inventory
import Testing
@testable import Controls

/// `KMSLookup.key` finds a key however a resource names it: by id, by ARN (the id after its
/// last slash), by an ARN it carries, or by alias.
@Suite struct KMSLookupTests {
    static let keys: [String: KMSKey] = [
        "1111aaaa": KMSKey(id: "1111aaaa", arn: "arn:aws:kms:eu-west-1:1:key/1111aaaa", manager: "CUSTOMER", rotationEnabled: true),
        "2222bbbb": KMSKey(id: "2222bbbb", manager: "CUSTOMER", rotationEnabled: false, aliases: ["alias/orders"]),
        "arn:aws:kms:us-east-1:1:key/3333cccc": KMSKey(id: "arn:aws:kms:us-east-1:1:key/3333cccc", manager: "AWS"),
    ]

    @Test func keysAreFoundByIdARNAndAlias() {
        #expect(KMSLookup.key("1111aaaa", in: Self.keys)?.id == "1111aaaa")
        #expect(KMSLookup.key("arn:aws:kms:eu-west-1:1:key/1111aaaa", in: Self.keys)?.id == "1111aaaa")
        // An ARN of another region or account still names the key by its id.
        #expect(KMSLookup.key("arn:aws:kms:us-east-1:1:key/2222bbbb", in: Self.keys)?.id == "2222bbbb")
        #expect(KMSLookup.key("alias/orders", in: Self.keys)?.id == "2222bbbb")
        // A key collected under its ARN is found by its bare id too.
        #expect(KMSLookup.key("3333cccc", in: Self.keys)?.id == "arn:aws:kms:us-east-1:1:key/3333cccc")
    }

    @Test func unknownKeysAreNotFound() {
        #expect(KMSLookup.key("arn:aws:kms:eu-west-1:1:key/4444dddd", in: Self.keys) == nil)
        #expect(KMSLookup.key("alias/aws/s3", in: Self.keys) == nil)
        #expect(KMSLookup.key("", in: Self.keys) == nil)
        #expect(KMSLookup.key("1111aaaa", in: [:]) == nil)
    }
}
